export default definePageConfig({ navigationBarTitleText: '安排大党课' });
