export default definePageConfig({ navigationBarTitleText: '党费收缴登记' });
