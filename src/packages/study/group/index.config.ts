export default definePageConfig({ navigationBarTitleText: '学习小组', enableShareAppMessage: true });
