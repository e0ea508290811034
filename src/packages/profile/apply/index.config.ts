export default definePageConfig({
  navigationBarTitleText: '申请加入党支部',
});
