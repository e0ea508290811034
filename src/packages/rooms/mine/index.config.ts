export default definePageConfig({ navigationBarTitleText: '我的场馆预约' });
