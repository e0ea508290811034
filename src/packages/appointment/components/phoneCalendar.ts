import Taro from '@tarojs/taro';
import { call, type Result } from '../../../api/client';

const IS_H5 = process.env.TARO_ENV === 'h5';

export type CalendarOutcome = 'added' | 'downloaded' | 'cancelled' | 'denied';

/**
 * 加入手机日历 for a confirmed booking (S-09). The event comes from the server (calendarEvent), so
 * the app and the .ics say the same thing and a moved booking keeps its UID.
 * weapp: `wx.addPhoneCalendar` with the fields the server prepared (times in seconds; WeChat
 * shows its own confirmation, and asks for scope.addPhoneCalendar the first time).
 * h5: the .ics text as a file download through a Blob link — phones and desktop calendars open it.
 */
export type CalendarEvent = Result<'appointment', 'calendarEvent'>;

/** The booking's event, read when a confirmed booking is shown (so the tap needs no await). */
export function loadCalendarEvent(bookingId: string): Promise<CalendarEvent> {
  return call('appointment', 'calendarEvent', { bookingId });
}

/**
 * Adds `ev` to the phone. Call it INSIDE the tap, before any await: WeChat allows
 * addPhoneCalendar only 「在点击行为时」, so the event is read beforehand (loadCalendarEvent) and
 * the call starts synchronously here; the returned promise may be awaited afterwards.
 */
export function addToPhoneCalendar(ev: CalendarEvent): Promise<CalendarOutcome> {
  if (IS_H5) {
    const url = URL.createObjectURL(new Blob([ev.ics], { type: 'text/calendar;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = ev.filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return Promise.resolve('downloaded');
  }
  // The typings (Taro's and miniprogram-api-typings) call endTime a string; WeChat's own
  // documentation and the server give the unix timestamp in seconds, a number, as startTime is.
  // Callbacks, not Taro's promise: Taro does not promisify every API (addPhoneCalendar returned
  // undefined here), and the executor runs at once, so the call still starts inside the tap.
  const added = new Promise<unknown>((resolve, reject) =>
    Taro.addPhoneCalendar({ ...(ev.phoneCalendar as unknown as Taro.addPhoneCalendar.Option), success: resolve, fail: reject }),
  );
  return added.then(
    (): CalendarOutcome => 'added',
    (e): CalendarOutcome => {
      const msg = String((e as { errMsg?: string })?.errMsg ?? '');
      // WeChat: "addPhoneCalendar:fail auth deny" when the calendar permission was refused,
      // "…:fail cancel" when the person closed WeChat's own confirmation.
      if (/auth|deny|authorize/i.test(msg)) return 'denied';
      if (/cancel/i.test(msg)) return 'cancelled';
      throw e;
    },
  );
}
