export default definePageConfig({
  navigationBarTitleText: '礼包详情',
});
