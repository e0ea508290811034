/**
 * Document shapes of the checkin domain (venues, sign-in events, check-ins).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
export interface VenueDoc {
  name: string;
  address: string;
  description: string;
  order: number;
  createdAt: Date;
  // ---- room booking (党群组织生活馆, "一室多用"): a bookable venue is a room.
  bookable?: boolean;
  capacity?: number;
  equipment?: string[];
  /** Bookable hours of the day in park time, 'HH:mm' on the half hour. */
  opensAt?: string;
  closesAt?: string;
}

/** Something people sign in to with a rotating code (cloudfunctions/checkin/events.ts). */
export interface EventDoc {
  kind: 'generic' | 'lecture' | 'study' | 'volunteer' | 'meeting';
  /** The volunteer activity / lecture / study session this event belongs to; null for generic ones. */
  refId: string | null;
  title: string;
  venueId: string | null;
  /** Where, as shown to people (the venue's name at creation, or a free-text place). */
  place: string;
  startAt: Date;
  endAt: Date;
  rotateSeconds: number;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: Date;
}

/**
 * One check-in: who, where, when — nothing else (no location). `key` and `nonce` are what make
 * it exactly-once (unique indexes in cloudbaserc.json), not personal data.
 */
export interface CheckinDoc {
  /** `e:<eventId>:<openid>` (once per event) or `v:<venueId>:<openid>:<day>` (once per venue a day). */
  key: string;
  openid: string;
  /** The client's retry key (pretix's nonce); the key itself when the client sent none. */
  nonce: string;
  kind: 'venue' | 'event';
  venueId: string | null;
  eventId: string | null;
  /** Park calendar day (Asia/Shanghai), the key of the per-day figures. */
  day: string;
  at: Date;
  /** Set when someone other than the person recorded the attendance (a secretary, by hand). */
  recordedBy?: string;
  /**
   * 列席: someone who scanned a branch meeting's code without being a member of that branch in the
   * meeting's month (cloudfunctions/org/members.ts). Kept (they were there) but never counted as a
   * member present.
   */
  guest?: boolean;
}
