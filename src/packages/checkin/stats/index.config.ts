export default definePageConfig({
  navigationBarTitleText: '到访统计',
  enablePullDownRefresh: true,
});
