export default definePageConfig({ navigationBarTitleText: '设置党组织' });
