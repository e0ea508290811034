export default definePageConfig({ navigationBarTitleText: '书记述职评议' });
