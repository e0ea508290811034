export default definePageConfig({
  navigationBarTitleText: '红色园区',
  enablePullDownRefresh: true,
});
