export default definePageConfig({ navigationBarTitleText: '场馆排期' });
