export default definePageConfig({
  navigationBarTitleText: '签到大屏',
  // The screen stays on while the kiosk shows codes.
  pageOrientation: 'auto',
});
