export default definePageConfig({ navigationBarTitleText: '发布可预约时段' });
