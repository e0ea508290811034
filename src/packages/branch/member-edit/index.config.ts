export default definePageConfig({ navigationBarTitleText: '登记党员' });
