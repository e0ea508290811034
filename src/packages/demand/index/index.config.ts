export default definePageConfig({
  navigationBarTitleText: '诉求与红色代办',
});
