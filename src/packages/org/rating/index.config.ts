export default definePageConfig({ navigationBarTitleText: '星级评定' });
