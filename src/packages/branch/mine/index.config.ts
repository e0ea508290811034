export default definePageConfig({ navigationBarTitleText: '我的评议与岗位' });
