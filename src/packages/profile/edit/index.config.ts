export default definePageConfig({
  navigationBarTitleText: '编辑个人资料',
});
