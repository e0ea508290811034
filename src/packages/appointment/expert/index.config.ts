export default definePageConfig({ navigationBarTitleText: '专家工作台', enablePullDownRefresh: true });
