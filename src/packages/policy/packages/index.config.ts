export default definePageConfig({
  navigationBarTitleText: '惠企礼包',
  enablePullDownRefresh: true,
});
