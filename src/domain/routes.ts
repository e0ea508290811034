/** Every page path in one place (tab pages need switchTab, the rest navigateTo). */
export const ROUTES = {
  home: '/pages/index/index',
  services: '/pages/services/index',
  study: '/pages/study/index',
  mine: '/pages/mine/index',
  demoLogin: '/pages/demo-login/index',
  profileEdit: '/packages/profile/edit/index',
  applyMember: '/packages/profile/apply/index',
  redeemInvite: '/packages/profile/redeem/index',
  pendingMembers: '/packages/profile/pending/index',
  // The kiosk lives in the checkin sub-package, not at /pages/kiosk: it is admin-only and would
  // otherwise weigh on the main package every visitor downloads.
  checkinScan: '/packages/checkin/scan/index',
  checkinKiosk: '/packages/checkin/kiosk/index',
  checkinVenues: '/packages/checkin/venues/index',
  checkinEvents: '/packages/checkin/events/index',
  checkinStats: '/packages/checkin/stats/index',
  appointment: '/packages/appointment/index/index',
  apptSlots: '/packages/appointment/slots/index',
  apptBook: '/packages/appointment/book/index',
  apptBookings: '/packages/appointment/bookings/index',
  apptBooking: '/packages/appointment/booking/index',
  apptRoving: '/packages/appointment/roving/index',
  apptExpert: '/packages/appointment/expert/index',
  apptPublish: '/packages/appointment/publish/index',
  apptProfile: '/packages/appointment/profile/index',
  apptAdmin: '/packages/appointment/admin/index',
  studyGroup: '/packages/study/group/index',
  studyJoin: '/packages/study/join/index',
  studyMaterial: '/packages/study/material/index',
  studyRecord: '/packages/study/record/index',
  studyQuizzes: '/packages/study/quizzes/index',
  studyQuiz: '/packages/study/quiz/index',
  studyResult: '/packages/study/result/index',
  studyProgress: '/packages/study/progress/index',
  studyManage: '/packages/study/manage/index',
  studyTopic: '/packages/study/topic/index',
  studyCreate: '/packages/study/create/index',
  studyQuizEdit: '/packages/study/quiz-edit/index',
  studyLecture: '/packages/study/lecture/index',
} as const;

export type RouteKey = keyof typeof ROUTES;
export type Route = (typeof ROUTES)[RouteKey];

export const TAB_ROUTES: readonly Route[] = [ROUTES.home, ROUTES.services, ROUTES.study, ROUTES.mine];

export function isTabRoute(url: string): boolean {
  const path = url.split('?')[0];
  return TAB_ROUTES.includes(path as Route);
}
