/**
 * 加入手机日历 (S-09): a confirmed booking as an iCalendar event (RFC 5545) for the h5 download,
 * and as the fields `wx.addPhoneCalendar` takes in WeChat. Only a confirmed booking: a request
 * may never happen, and a calendar entry would outlive its cancellation unseen.
 *
 * The .ics is built by hand (a dozen lines; no package on the shipped path): CRLF line endings,
 * TEXT values escaped (backslash, semicolon, comma, newline), every content line folded at 75
 * octets of UTF-8 without splitting a character (Chinese text is 3 octets a character), times in
 * UTC (`Z`), so no VTIMEZONE is needed. The UID is the booking's, so a moved booking re-imported
 * updates the same event (SEQUENCE = its moves).
 */
import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import type { WithId } from '../../server/core/db';
import type { BookingDoc } from './docs';
import { getBookingFor, idParam } from './shared';

const utcStamp = (d: Date) => new Date(d).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** RFC 5545 §3.3.11 TEXT escaping. */
export const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** RFC 5545 §3.1: lines longer than 75 octets are split, each continuation starting with one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation's leading space is one of its 75
    if (octets + n > limit) {
      out.push(cur);
      cur = '';
      octets = 0;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

export interface CalendarEvent {
  uid: string;
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
}

export function toIcs(e: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//RedPark//Appointment//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `DTSTART:${utcStamp(e.start)}`,
    `DTEND:${utcStamp(e.end)}`,
    `SUMMARY:${icsText(e.summary)}`,
    `LOCATION:${icsText(e.location)}`,
    `DESCRIPTION:${icsText(e.description)}`,
    'STATUS:CONFIRMED',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${icsText(e.summary)}`,
    'TRIGGER:-PT1H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function eventOf(b: WithId<BookingDoc>, now = new Date()): CalendarEvent {
  return {
    uid: `booking-${b._id}@redpark`,
    sequence: b.moves ?? 0,
    stamp: now,
    start: new Date(b.startAt),
    end: new Date(b.endAt),
    summary: `发展服务团预约：${b.expertName}（${b.teamName}）`,
    location: b.place,
    description: `咨询事项：${b.topic}\n企业：${b.enterpriseName}\n如需改约或取消，请在小程序“我的预约”中办理。`,
  };
}

/**
 * The calendar entry of a confirmed booking the caller may see (its enterprise, its expert, an
 * admin). Reply: `ics` (the file's text), `filename`, and `phoneCalendar` — the object to pass
 * to `wx.addPhoneCalendar` as is (times in seconds since the epoch; an alarm an hour before).
 */
export const calendarEvent = action({
  roles: ['enterprise', 'expert', 'admin'],
  params: z.strictObject({ bookingId: idParam }),
  async handler({ bookingId }, { caller }) {
    const b = await getBookingFor(bookingId, caller);
    if (b.state !== 'confirmed') throw new AppError('CONFLICT', '只有已确认的预约才能加入日历，请等待专家确认。');
    const e = eventOf(b);
    return {
      ics: toIcs(e),
      filename: `appointment-${b._id}.ics`,
      phoneCalendar: {
        title: e.summary,
        startTime: Math.floor(e.start.getTime() / 1000),
        endTime: Math.floor(e.end.getTime() / 1000),
        location: e.location,
        description: e.description,
        allDay: false,
        alarm: true,
        alarmOffset: 3600,
      },
    };
  },
});
