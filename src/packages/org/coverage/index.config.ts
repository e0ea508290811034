export default definePageConfig({ navigationBarTitleText: '党组织覆盖率', enablePullDownRefresh: true });
