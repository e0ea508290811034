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
} as const;

export type RouteKey = keyof typeof ROUTES;
export type Route = (typeof ROUTES)[RouteKey];

export const TAB_ROUTES: readonly Route[] = [ROUTES.home, ROUTES.services, ROUTES.study, ROUTES.mine];

export function isTabRoute(url: string): boolean {
  const path = url.split('?')[0];
  return TAB_ROUTES.includes(path as Route);
}
