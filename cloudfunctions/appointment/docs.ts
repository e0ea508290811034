/**
 * Document shapes of the appointment domain (发展服务团: teams, experts, slots, bookings, pairings, roving days).
 * server/collections.ts maps each collection to its document type; cloudbaserc.json declares the
 * collections, their ACL and indexes.
 */
import type { CarriedNotices } from '../../server/core/outbox';
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
/**
 * `no_show`: the enterprise did not come (recorded by the expert); `expert_absent`: the expert did
 * not come (recorded by the enterprise or an admin) — kept apart so that the expert's absence never
 * counts against the enterprise (noShow.ts).
 */
export type BookingState = 'requested' | 'confirmed' | 'served' | 'rated' | 'cancelled' | 'no_show' | 'expert_absent' | 'unrecorded';

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
  /**
   * How many times the enterprise moved it to another slot (reschedule.ts); missing = never. Keys
   * the reminders and confirm-deadline notices of each time, so a moved booking gets its own.
   */
  moves?: number;
  /** A move's notices (and new reminders) until the notify timer queues them (server/core/outbox.ts `carry`). */
  carriedNotices?: CarriedNotices | null;
  /** Each move: from which slot and time, when, by whom (the history links old and new time). */
  reschedules?: { fromSlotId: string; fromStartAt: Date; fromEndAt: Date; toSlotId: string; at: Date; by: string }[];
  /** Set when the expert took leave over this booking's time (leave.ts): the enterprise is asked to move it. */
  needsReschedule?: { leaveId: string; reason: string; at: Date } | null;
  /** Confirm deadline (confirmDeadline.ts): when the expert, then the admins, were told it is still unconfirmed. */
  confirmRemindedAt?: Date | null;
  confirmEscalatedAt?: Date | null;
  /** When the no-show (of either side) was recorded; the cool-down counts from it (noShow.ts). */
  noShowAt?: Date | null;
  /** An admin accepted the enterprise's reason: this no-show no longer counts. */
  noShowExcused?: { at: Date; by: string; reason: string } | null;
  /** The enterprise's appeal against a no-show, for the admins to decide. */
  noShowAppeal?: { at: Date; by: string; reason: string } | null;
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

/**
 * An expert's leave (请假) over park days `from`..`to` (both included): while `active`, its open
 * slots in the range are withdrawn and no slot may be published there; the bookings in it are
 * flagged `needsReschedule`. `cancelled` lifts the block (leave.ts says what it does not undo).
 */
export interface ExpertLeaveDoc {
  expertId: string;
  expertName: string;
  from: string;
  to: string;
  /** Start of `from` and end of `to` in park time, for range queries. */
  fromAt: Date;
  toAt: Date;
  reason: string;
  state: 'active' | 'cancelled';
  withdrawnSlots: number;
  affectedBookings: number;
  createdBy: string;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  /** The notices to the enterprises it asked to move, until the notify timer queues them (server/core/outbox.ts `carry`). */
  carriedNotices?: CarriedNotices | null;
}
