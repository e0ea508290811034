/**
 * The app's copy of the no-show cool-down (shown privately on 我的预约) says what the server's rule
 * (server/core/noShow.ts, which `book` applies) says, on the same rows; and the leave preview.
 * Dates are relative to now (CI moves the clock).
 */
import { noShowCooldown, NO_SHOW_RULE as SERVER_RULE } from '../../server/core/noShow';
import { dayKey, leaveImpact, daysBetween, noShowStanding, NO_SHOW_RULE, type NoShowLike } from './appointment';

const DAY = 86_400_000;
const now = Date.now();

function noShow(id: string, daysAgo: number, recordedDaysAgo = daysAgo, extra: Partial<NoShowLike> = {}): NoShowLike {
  const startAt = new Date(now - daysAgo * DAY);
  return {
    id, state: 'no_show', startAt, noShowExcused: false, noShowAppealed: false,
    history: [{ state: 'confirmed', at: new Date(startAt.getTime() - DAY) }, { state: 'no_show', at: new Date(now - recordedDaysAgo * DAY) }],
    ...extra,
  };
}

const server = (rows: NoShowLike[]) => {
  const c = noShowCooldown(
    rows.filter((b) => b.state === 'no_show' && !b.noShowExcused).map((b) => ({ at: new Date(b.startAt), recordedAt: new Date(b.history[b.history.length - 1].at) })),
    new Date(now),
  );
  return c ? { until: c.until.getTime(), dates: c.dates.map((d) => d.getTime()) } : null;
};
const app = (rows: NoShowLike[]) => {
  const s = noShowStanding(rows, now);
  return s ? { until: s.until.getTime(), dates: s.counted.map((c) => c.at.getTime()) } : null;
};

test('the rule’s numbers are the server’s', () => {
  expect(NO_SHOW_RULE).toEqual(SERVER_RULE);
});

test.each([
  ['two recent no-shows: a cool-down from the later record', [noShow('a', 20), noShow('b', 3, 2)]],
  ['one no-show: none', [noShow('a', 3)]],
  ['two, one excused: none', [noShow('a', 20), noShow('b', 3, 2, { noShowExcused: true })]],
  ['two, one older than the window: none', [noShow('a', 95), noShow('b', 3)]],
  ['two, the later recorded over a week ago: over', [noShow('a', 40), noShow('b', 10, 9)]],
  ['late record of an old no-show still waits 7 days from the record', [noShow('a', 60), noShow('b', 30, 1)]],
  ['an expert absence never counts', [noShow('a', 20), { ...noShow('b', 3), state: 'expert_absent' as const }]],
])('%s', (_name, rows) => {
  expect(app(rows)).toEqual(server(rows));
});

test('the standing names each counted booking and whether it is appealed', () => {
  const s = noShowStanding([noShow('b', 3, 2, { noShowAppealed: true }), noShow('a', 20)], now)!;
  expect(s.counted.map((c) => [c.id, c.appealed])).toEqual([['a', false], ['b', true]]);
  expect(s.until.getTime()).toBe(now - 2 * DAY + 7 * DAY);
});

test('the leave preview: open slots and open bookings on the park days of the range, inclusive', () => {
  const at = (d: number, h = 2) => new Date(now + d * DAY + h * 3600_000);
  const from = dayKey(at(2));
  const to = dayKey(at(4));
  const slots = [
    { id: 's1', startAt: at(1), state: 'open' },
    { id: 's2', startAt: at(2), state: 'open' },
    { id: 's3', startAt: at(3), state: 'held' },
    { id: 's4', startAt: at(4), state: 'open' },
    { id: 's5', startAt: at(5), state: 'open' },
  ];
  const bookings = [
    { id: 'b1', startAt: at(3), state: 'confirmed' as const },
    { id: 'b2', startAt: at(3), state: 'cancelled' as const },
    { id: 'b3', startAt: at(6), state: 'requested' as const },
  ];
  const r = leaveImpact(slots, bookings, from, to);
  expect(r.slots.map((s) => s.id)).toEqual(['s2', 's4']);
  expect(r.bookings.map((b) => b.id)).toEqual(['b1']);
  expect(leaveImpact(slots, bookings, to, from)).toEqual({ slots: [], bookings: [] });
  expect(daysBetween(from, to)).toBe(3);
  expect(daysBetween('2026-12-31', '2027-01-01')).toBe(2);
});
