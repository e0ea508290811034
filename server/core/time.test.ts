import { execFileSync } from 'child_process';
import path from 'path';
import { addDays, isoWeekday } from './time';

/**
 * The server's own zone must never leak into park days. Jest's process zone cannot be changed
 * from inside a test, so the zone-sensitive part runs in a child process with TZ set.
 */
function inZone(tz: string, days: string[]): { zonedAddHours: number; dayHours: number[]; starts: string[] } {
  const script = `
    const { addDays, dayjs, dayStart, PARK_TZ } = require(${JSON.stringify(path.join(__dirname, 'time.ts'))});
    const zoned = dayjs.tz('2026-11-01T00:00:00', PARK_TZ);
    const days = ${JSON.stringify(days)};
    console.log(JSON.stringify({
      zonedAddHours: (zoned.add(1, 'day').valueOf() - zoned.valueOf()) / 3600000,
      dayHours: days.map((d) => (dayStart(addDays(d, 1)).getTime() - dayStart(d).getTime()) / 3600000),
      starts: days.map((d) => dayStart(d).toISOString()),
    }));`;
  const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('park calendar days', () => {
  const days = ['2026-11-01', '2026-03-08', '2026-12-31'];

  test('a_park_day_lasts_24_hours_and_starts_at_park_midnight_on_a_server_with_daylight_saving', () => {
    const r = inZone('America/New_York', days);
    // Why addDays exists: dayjs adds a zoned day in the *server's* zone — 25 h across 2026-11-01 there.
    expect(r.zonedAddHours).toBe(25);
    expect(r.dayHours).toEqual([24, 24, 24]);
    expect(r.starts).toEqual(['2026-10-31T16:00:00.000Z', '2026-03-07T16:00:00.000Z', '2026-12-30T16:00:00.000Z']);
  });

  test('calendar_arithmetic_crosses_months_and_leap_days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-01', -1)).toBe('2026-10-31');
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });
});
