export default definePageConfig({ navigationBarTitleText: '集中学习学时' });
