const isH5 = process.env.TARO_ENV === 'h5';

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/services/index',
    'pages/study/index',
    'pages/mine/index',
    // Local demo identity: h5 only; in WeChat the identity is the platform's.
    ...(isH5 ? ['pages/demo-login/index'] : []),
  ],
  // One subpackage per domain; later domains (checkin, volunteer, appointment, policy,
  // demand, study, admin) get their own root under packages/.
  subPackages: [
    {
      root: 'packages/profile',
      pages: ['edit/index', 'apply/index', 'redeem/index', 'pending/index', 'care/index'],
    },
    {
      // 隐私保护指引 and 我的数据: opened from the consent dialog and 我的, never on the first screen.
      root: 'packages/privacy',
      pages: ['policy/index', 'data/index', 'about/index'],
    },
    {
      root: 'packages/checkin',
      pages: ['scan/index', 'kiosk/index', 'venues/index', 'events/index', 'stats/index'],
    },
    {
      root: 'packages/messages',
      pages: ['index'],
    },
    {
      root: 'packages/appointment',
      pages: ['index/index', 'slots/index', 'book/index', 'bookings/index', 'booking/index', 'roving/index', 'expert/index', 'publish/index', 'profile/index', 'admin/index', 'reschedule/index', 'leave/index'],
    },
    {
      root: 'packages/volunteer',
      pages: ['index/index', 'detail/index', 'mine/index', 'hours/index', 'ranking/index', 'edit/index', 'roster/index', 'pending/index', 'certificate/index', 'verify/index'],
    },
    {
      root: 'packages/policy',
      pages: ['list/index', 'detail/index', 'packages/index', 'package/index', 'match/index', 'profile/index', 'edit/index', 'package-edit/index'],
    },
    {
      root: 'packages/demand',
      pages: ['index/index', 'submit/index', 'mine/index', 'detail/index', 'assigned/index', 'admin/index', 'stats/index', 'complaint/index', 'complaints/index', 'callbacks/index', 'levels/index'],
    },
    {
      root: 'packages/study',
      pages: ['group/index', 'join/index', 'material/index', 'record/index', 'quizzes/index', 'quiz/index', 'result/index', 'progress/index', 'manage/index', 'topic/index', 'create/index', 'quiz-edit/index', 'lecture/index', 'webview/index'],
    },
    {
      // The console and its chart library (uCharts) live here, never in the main package.
      root: 'packages/admin',
      pages: ['index/index', 'dashboard/index', 'export/index', 'import/index', 'audit/index', 'users/index', 'outbox/index'],
    },
    {
      root: 'packages/org',
      pages: ['index/index', 'ledger/index', 'enterprise/index', 'branches/index', 'branch/index', 'coverage/index', 'orglife/index', 'meeting/index', 'rating/index', 'rating-branch/index', 'rubric/index', 'rules/index', 'verify/index', 'board/index', 'payouts/index'],
    },
    {
      // 支部工作: the 党总支's member ledgers (花名册, 转接, 党费, 发展党员), for secretaries and admins.
      root: 'packages/branch',
      pages: ['index/index', 'roster/index', 'import/index', 'member/index', 'member-edit/index', 'transfers/index', 'transfer-in/index', 'move/index', 'dues/index', 'dues-summary/index', 'development/index', 'dev-file/index', 'review/index', 'debrief/index', 'posts/index', 'mine/index', 'hours/index'],
    },
    {
      root: 'packages/rooms',
      pages: ['index/index', 'book/index', 'mine/index', 'schedule/index', 'manage/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTitleText: '红色园区',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F4F5F7',
  },
  tabBar: {
    color: '#8a8a8a',
    selectedColor: '#C8161D',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/services/index', text: '服务', iconPath: 'assets/tabbar/services.png', selectedIconPath: 'assets/tabbar/services-active.png' },
      { pagePath: 'pages/study/index', text: '学习', iconPath: 'assets/tabbar/study.png', selectedIconPath: 'assets/tabbar/study-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tabbar/mine.png', selectedIconPath: 'assets/tabbar/mine-active.png' },
    ],
  },
  // WeChat's privacy check: privacy APIs wait for consent (our 隐私保护指引 dialog's agree button).
  // sitemap.json (copied by config/index.ts): which pages WeChat search may index.
  ...(isH5 ? {} : { __usePrivacyCheck__: true, sitemapLocation: 'sitemap.json' }),
  // No `lazyCodeLoading: 'requiredComponents'`: with Taro's shared base.wxml it can leave
  // pages blank on some base library versions (NervJS/taro#10885).
});
