/**
 * Document shapes of the room domain (党群组织生活馆 bookings).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
export type RoomBookingState = 'booked' | 'checked_in' | 'cancelled' | 'released';

/**
 * A room booked by the half hour. `cells` lists `<venueId>|<half-hour index>` for every cell the
 * booking covers while it holds the room; its unique multikey index makes two overlapping live
 * bookings impossible to store. A cancelled or released booking gives its cells up (they become
 * the one tombstone `free|<bookingId>`, unique per booking).
 */
export interface RoomBookingDoc {
  venueId: string;
  venueName: string;
  day: string;
  startAt: Date;
  endAt: Date;
  cells: string[];
  /** Who the room is for. */
  holder: { kind: 'branch' | 'enterprise' | 'center'; id: string; name: string };
  purpose: string;
  attendees: number;
  bookedBy: string;
  bookedByName: string;
  /**
   * The booker and the holder's contacts/secretary when it was booked: a record of who was told, never
   * used to decide who may act on the booking — that is decided at each call from current roles (./holders.ts).
   */
  owners: string[];
  /** Not checked in by then → released. */
  checkinDeadline: Date;
  state: RoomBookingState;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  endedAt: Date | null;
  endedBy: string | null;
  createdAt: Date;
  /** Minutes counted against the holder's quota (./quota.ts); 0 (or absent, for older bookings) when not counted. */
  quotaMinutes?: number;
}

/** One quota counter of a holder (./quota.ts explains the two kinds of `_id`). */
export interface RoomQuotaDoc {
  used: number;
  updatedAt: Date;
}
