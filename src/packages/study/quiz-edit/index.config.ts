export default definePageConfig({ navigationBarTitleText: '设置知识竞赛' });
