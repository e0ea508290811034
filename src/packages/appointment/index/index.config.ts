export default definePageConfig({ navigationBarTitleText: '发展服务团预约' });
