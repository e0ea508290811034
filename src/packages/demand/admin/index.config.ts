export default definePageConfig({
  navigationBarTitleText: '诉求管理',
  enablePullDownRefresh: true,
});
