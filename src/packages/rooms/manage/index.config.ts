export default definePageConfig({ navigationBarTitleText: '场馆设置' });
