export default definePageConfig({ navigationBarTitleText: '加入学习小组' });
