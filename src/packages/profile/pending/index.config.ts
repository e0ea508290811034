export default definePageConfig({
  navigationBarTitleText: '待审批党员',
  enablePullDownRefresh: true,
});
