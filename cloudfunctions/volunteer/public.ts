/**
 * What other domains may use of volunteer (志愿服务): a venue scan's check-in and check-out of an
 * activity (checkin), the cancel action the privacy erase runs for the person's upcoming sign-ups,
 * and the admin console's figures and hours ledger.
 */
export { volunteerScan } from './attendance';
export { cancel } from './cancel';
export { volunteerFigures } from './figures';
export { volunteerHoursLedger } from './ledger';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { VolunteerTeamDoc, ActivityStatus, Eligibility, ActivityDoc, RegStatus, HoursState, RegistrationDoc, VolunteerCertificateDoc } from './docs';
/** Credited minutes of given people in a period (the star rating's 人均志愿服务时长). */
export { memberMinutes } from './memberHours';
