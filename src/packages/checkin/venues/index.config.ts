export default definePageConfig({
  navigationBarTitleText: '场所与二维码',
});
