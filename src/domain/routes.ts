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
  privacyPolicy: '/packages/privacy/policy/index',
  myData: '/packages/privacy/data/index',
  careMode: '/packages/profile/care/index',
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
  orgHome: '/packages/org/index/index',
  orgLedger: '/packages/org/ledger/index',
  orgEnterprise: '/packages/org/enterprise/index',
  orgBranches: '/packages/org/branches/index',
  orgBranch: '/packages/org/branch/index',
  orgCoverage: '/packages/org/coverage/index',
  orgLife: '/packages/org/orglife/index',
  orgMeeting: '/packages/org/meeting/index',
  orgRating: '/packages/org/rating/index',
  orgRatingBranch: '/packages/org/rating-branch/index',
  orgRubric: '/packages/org/rubric/index',
  rooms: '/packages/rooms/index/index',
  roomBook: '/packages/rooms/book/index',
  roomMine: '/packages/rooms/mine/index',
  roomSchedule: '/packages/rooms/schedule/index',
  roomManage: '/packages/rooms/manage/index',
  messages: '/packages/messages/index',
  volunteer: '/packages/volunteer/index/index',
  volDetail: '/packages/volunteer/detail/index',
  volMine: '/packages/volunteer/mine/index',
  volHours: '/packages/volunteer/hours/index',
  volCertificate: '/packages/volunteer/certificate/index',
  volVerify: '/packages/volunteer/verify/index',
  volRanking: '/packages/volunteer/ranking/index',
  volEdit: '/packages/volunteer/edit/index',
  volRoster: '/packages/volunteer/roster/index',
  volPending: '/packages/volunteer/pending/index',
  policyList: '/packages/policy/list/index',
  policyDetail: '/packages/policy/detail/index',
  policyPackages: '/packages/policy/packages/index',
  policyPackage: '/packages/policy/package/index',
  policyMatch: '/packages/policy/match/index',
  policyProfile: '/packages/policy/profile/index',
  policyEdit: '/packages/policy/edit/index',
  packageEdit: '/packages/policy/package-edit/index',
  demandHome: '/packages/demand/index/index',
  demandSubmit: '/packages/demand/submit/index',
  demandMine: '/packages/demand/mine/index',
  demandDetail: '/packages/demand/detail/index',
  demandAssigned: '/packages/demand/assigned/index',
  demandAdmin: '/packages/demand/admin/index',
  demandStats: '/packages/demand/stats/index',
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
  admin: '/packages/admin/index/index',
  adminDashboard: '/packages/admin/dashboard/index',
  adminExport: '/packages/admin/export/index',
  adminImport: '/packages/admin/import/index',
  adminAudit: '/packages/admin/audit/index',
  adminUsers: '/packages/admin/users/index',
  adminOutbox: '/packages/admin/outbox/index',
  branchHome: '/packages/branch/index/index',
  branchRoster: '/packages/branch/roster/index',
  branchMember: '/packages/branch/member/index',
  branchMemberEdit: '/packages/branch/member-edit/index',
  branchTransfers: '/packages/branch/transfers/index',
  branchTransferIn: '/packages/branch/transfer-in/index',
  branchMove: '/packages/branch/move/index',
  branchDues: '/packages/branch/dues/index',
  branchDuesSummary: '/packages/branch/dues-summary/index',
  branchDevelopment: '/packages/branch/development/index',
  branchDevFile: '/packages/branch/dev-file/index',
} as const;

export type RouteKey = keyof typeof ROUTES;
export type Route = (typeof ROUTES)[RouteKey];

export const TAB_ROUTES: readonly Route[] = [ROUTES.home, ROUTES.services, ROUTES.study, ROUTES.mine];

/** A page path with its query, e.g. withQuery(ROUTES.policyDetail, { id }) → '/packages/policy/detail/index?id=…'. */
export function withQuery(route: Route, query: Record<string, string | number | undefined>): string {
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q ? `${route}?${q}` : route;
}

export function isTabRoute(url: string): boolean {
  const path = url.split('?')[0];
  return TAB_ROUTES.includes(path as Route);
}
