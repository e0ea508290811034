export default definePageConfig({ navigationBarTitleText: '巡回服务日', enablePullDownRefresh: true });
