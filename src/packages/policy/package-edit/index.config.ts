export default definePageConfig({
  navigationBarTitleText: '编辑礼包',
});
