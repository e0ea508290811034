export default definePageConfig({ navigationBarTitleText: '创建学习小组' });
