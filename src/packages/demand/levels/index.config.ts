export default definePageConfig({
  navigationBarTitleText: '服务时限与工作日历',
  enablePullDownRefresh: true,
});
