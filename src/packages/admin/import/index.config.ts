export default definePageConfig({ navigationBarTitleText: '企业导入' });
