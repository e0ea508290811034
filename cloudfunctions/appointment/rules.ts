/**
 * The scheduling rules of 发展服务团预约 in one place (pure values; tests and handlers read them).
 * Chosen to match how the park's service teams work today: consultations are booked at least
 * two hours ahead so the expert can prepare, and an enterprise holds at most a couple of open
 * bookings per team so a few enterprises cannot block an expert's whole week.
 */
export const RULES = {
  /** No booking less than this many minutes before the start. */
  minNoticeMinutes: 120,
  /** Open (requested + confirmed) bookings one enterprise may hold with one team. */
  maxOpenPerTeam: 2,
  /** Enterprise and expert may cancel until this many minutes before the start (admins any time). */
  cancelCutoffMinutes: 120,
  /** Slot boundaries sit on this grid (minutes); overlap is detected cell by cell. */
  gridMinutes: 5,
  minSlotMinutes: 15,
  maxSlotMinutes: 240,
  /** A weekly pattern may span at most this many days and produce at most maxPublish slots. */
  maxPatternDays: 84,
  maxPublish: 120,
  /** Paired enterprises may book a newly published slot this long before everyone else. */
  priorityHours: 48,
  /** The reminder goes out this long before the start (or `lateReminderMinutes` when booked later). */
  reminderMinutesBefore: 24 * 60,
  lateReminderMinutes: 60,
  /** A confirmed booking not recorded (served / no-show) this long after its end: the expert is reminded. */
  recordReminderHours: 24,
  /** … and this many days after its end (and at least a day after that reminder) it closes as `unrecorded`. */
  unrecordedAfterDays: 3,
  /** A request still unconfirmed this long before its start: the expert is reminded … */
  confirmRemindHours: 24,
  /** … and this long before, the admins are alerted (confirmDeadline.ts). */
  confirmEscalateHours: 12,
  /** Neither before the request (or the reminder) is this old: the booking notice was the first ask. */
  confirmGraceMinutes: 60,
  /** How far ahead the slot browser looks by default. */
  browseDays: 21,
} as const;

export const MINUTE = 60_000;
