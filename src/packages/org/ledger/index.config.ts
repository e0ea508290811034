export default definePageConfig({ navigationBarTitleText: '企业台账（五清）' });
