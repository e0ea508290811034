/**
 * Document shapes of the appointment domain (发展服务团: teams, experts, slots, bookings, pairings, roving days).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
export interface TeamDoc {
  name: string;
  kind: 'legal' | 'accounting' | 'technology' | 'finance' | 'talent';
  description: string;
  order: number;
  createdAt: Date;
}

/** An expert's public profile; `_id` is the expert's openid. */
export interface ExpertDoc {
  teamId: string;
  name: string;
  organisation: string;
  title: string;
  specialities: string[];
  intro: string;
  /** Bookings of this expert are confirmed at once instead of waiting for the expert. */
  autoConfirm: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type SlotState = 'open' | 'held' | 'closed';

/**
 * One bookable period of one expert. `cells` lists every 5-minute grid cell the slot covers
 * (`<expertId>|<minute since epoch>`); its unique multikey index makes two overlapping slots
 * of one expert impossible to store, whatever their lengths.
 */
export interface SlotDoc {
  expertId: string;
  teamId: string;
  startAt: Date;
  endAt: Date;
  mode: 'online' | 'venue';
  venueId: string | null;
  place: string;
  kind: 'bookable' | 'roving';
  rovingDayId: string | null;
  state: SlotState;
  bookingId: string | null;
  /** How many times the slot has been taken; with the slot id it keys the booking (`slotTurn`). */
  holds: number;
  /** When and for which enterprise it was last held (book.ts): finds a hold whose booking was never written. */
  heldAt?: Date | null;
  heldFor?: string | null;
  cells: string[];
  /** Until then only `priorityEnterpriseIds` (the expert's paired enterprises) may book it. */
  priorityUntil: Date | null;
  priorityEnterpriseIds: string[];
  createdAt: Date;
}

/** `unrecorded`: confirmed, but its time passed long ago and the expert never recorded it (expire.ts). */
export type BookingState = 'requested' | 'confirmed' | 'served' | 'rated' | 'cancelled' | 'no_show' | 'unrecorded';

export interface BookingEvent {
  state: BookingState;
  at: Date;
  by: string;
  role: 'enterprise' | 'expert' | 'admin' | 'system';
  note?: string;
}

export interface BookingDoc {
  slotId: string;
  /** `<slotId>#<holds>`: unique, so one taking of a slot can never produce two bookings. */
  slotTurn: string;
  expertId: string;
  expertName: string;
  teamId: string;
  teamName: string;
  enterpriseId: string;
  enterpriseName: string;
  bookedBy: string;
  bookedByName: string;
  startAt: Date;
  endAt: Date;
  mode: 'online' | 'venue';
  place: string;
  kind: 'bookable' | 'roving';
  rovingDayId: string | null;
  topic: string;
  note: string;
  state: BookingState;
  history: BookingEvent[];
  serviceRecord: string | null;
  score: number | null;
  comment: string | null;
  cancelReason: string | null;
  /** When the expert was asked to record the service of this past confirmed booking (missing = not yet). */
  recordRemindedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Open (requested + confirmed) bookings of one enterprise with one team; `_id` = `<enterpriseId>_<teamId>`. */
export interface BookingCounterDoc {
  enterpriseId: string;
  teamId: string;
  open: number;
  updatedAt: Date;
}

/** 结对式: an enterprise paired with an expert for a period; `_id` = `<enterpriseId>_<expertId>`. */
export interface PairingDoc {
  enterpriseId: string;
  enterpriseName: string;
  expertId: string;
  expertName: string;
  teamId: string;
  from: Date;
  until: Date;
  note: string;
  endedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

/** 巡回式: a team's service day at the park; its sessions are `roving` slots. */
export interface RovingDayDoc {
  teamId: string;
  /** Park calendar day, e.g. '2026-12-02'. */
  date: string;
  title: string;
  venueId: string;
  place: string;
  blocks: { startAt: Date; endAt: Date }[];
  expertIds: string[];
  note: string;
  createdBy: string;
  createdAt: Date;
}
