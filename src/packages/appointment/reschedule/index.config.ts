export default definePageConfig({ navigationBarTitleText: '改约', enablePullDownRefresh: true });
