export default definePageConfig({ navigationBarTitleText: '服务团管理' });
