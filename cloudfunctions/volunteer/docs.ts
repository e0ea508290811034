/**
 * Document shapes of the volunteer domain (teams, activities, registrations, certificates).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
/** A volunteer team (志愿服务队), e.g. 园之帆志愿服务队. */
export interface VolunteerTeamDoc {
  name: string;
  description: string;
  order: number;
  createdAt: Date;
}

export type ActivityStatus = 'open' | 'closed' | 'cancelled';

export type Eligibility = 'all' | 'members';

/**
 * A volunteer activity. Besides what people read, it holds the counters the sign-up protocol
 * (cloudfunctions/volunteer/seats.ts) moves with atomic single-document updates:
 * `confirmed + left = capacity` always; `waiting` counts waitlist tickets; `seq` issues tickets
 * (sign-up order); `debt` balances a waitlist cancel that raced a promotion (see seats.ts).
 */
export interface ActivityDoc {
  title: string;
  description: string;
  category: string;
  tags: string[];
  teamId: string;
  teamName: string;
  place: string;
  startAt: Date;
  endAt: Date;
  signupOpensAt: Date;
  signupClosesAt: Date;
  /** Confirmed volunteers may cancel until then (waitlisted ones until the start). */
  cancelClosesAt: Date;
  eligibility: Eligibility;
  status: ActivityStatus;
  /** The check-in event volunteers sign in and out of with its rotating code. */
  eventId: string;
  capacity: number;
  confirmed: number;
  left: number;
  waiting: number;
  seq: number;
  debt: number;
  noShowsMarkedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type RegStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** none: not signed in; open: signed in, not out; auto: signed out; confirmed/fixed: by the organiser. */
export type HoursState = 'none' | 'open' | 'auto' | 'confirmed' | 'fixed';

/**
 * One sign-up of one person for one activity. `activeKey` is `<activityId>:<openid>` while the
 * registration is active and `x:<_id>` once cancelled: its unique index is what makes "one
 * active registration per person per activity" a fact of the database.
 */
export interface RegistrationDoc {
  activityId: string;
  openid: string;
  activeKey: string;
  status: RegStatus;
  /** Sign-up order (the activity's `seq` when this person signed up): the waitlist's order. */
  ticket: number;
  teamId: string;
  /** Copied from the activity so lists and hour totals need no join. */
  title: string;
  startAt: Date;
  endAt: Date;
  signedInAt: Date | null;
  signedOutAt: Date | null;
  /** Credited volunteer minutes (integer); 0 until signed out or settled by the organiser. */
  minutes: number;
  hours: HoursState;
  noShow: boolean;
  /** When it was marked a no-show; the sign-up cool-down counts from it (server/core/noShow.ts). */
  noShowAt?: Date | null;
  /** An organiser accepted the person's reason: this no-show no longer counts. */
  noShowExcused?: { at: Date; by: string; reason: string } | null;
  promotedAt: Date | null;
  cancelledAt: Date | null;
  /**
   * A void row: a ticket that never held anything for anyone (a repeated sign-up's, or a lost
   * one); hidden from lists. Every ticket has exactly one row (seats.ts → promote).
   */
  duplicate?: true;
  /** The void row reconcile wrote for a ticket whose sign-up died before writing its row (openid ''). */
  lost?: true;
  /** The park day (the day of the activity) it was last reminded for the day before (remind.ts). */
  remindedFor?: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * An issued 志愿服务时长证明: a snapshot of the figures when it was issued, so later changes (a
 * corrected hour, a new activity) never alter a certificate already printed — they lead to a new
 * certificate that supersedes it. `_id` is `vc-<code>`; `code` (the verification code,
 * cloudfunctions/volunteer/certificate.ts) has the unique index `uniq_code`, `currentKey` the
 * unique index `uniq_current`: one current certificate per person and year.
 */
export interface VolunteerCertificateDoc {
  code: string;
  openid: string;
  name: string;
  minutes: number;
  activities: number;
  /** Park days 'YYYY-MM-DD', both included. */
  periodFrom: string;
  periodTo: string;
  issuer: string;
  issuedAt: Date;
  /** `<openid>:<year>` while this is the person's current certificate of the year; `x:<_id>` once superseded or revoked. */
  currentKey: string;
  /**
   * Where the name comes from. 'self': the holder's own profile, which they may change at any
   * time and nobody at the center verifies (there is no verified identity to take it from).
   * Printed and verified as such, so a verifier knows what the signature vouches for: the hours.
   */
  nameSource: 'self';
  /** A newer certificate of the same year replaced this one (it verifies as 已更新). */
  supersededAt: Date | null;
  /** An admin voided it (verify answers 该证明已作废 with the reason). */
  revokedAt: Date | null;
  revokedBy?: string;
  revokeReason?: string;
}
