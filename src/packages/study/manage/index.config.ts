export default definePageConfig({ navigationBarTitleText: '小组管理', enableShareAppMessage: true });
