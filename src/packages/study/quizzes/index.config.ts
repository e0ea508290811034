export default definePageConfig({ navigationBarTitleText: '党建知识竞赛' });
