export default definePageConfig({ navigationBarTitleText: '红星津贴发放' });
