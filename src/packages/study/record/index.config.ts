export default definePageConfig({ navigationBarTitleText: '自学记录' });
