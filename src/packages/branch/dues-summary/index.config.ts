export default definePageConfig({ navigationBarTitleText: '党费收缴完成情况' });
