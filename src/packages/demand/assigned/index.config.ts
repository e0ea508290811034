export default definePageConfig({
  navigationBarTitleText: '待我办理',
  enablePullDownRefresh: true,
});
