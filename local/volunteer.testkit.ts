/** Helpers of the volunteer integration tests (not shipped: nothing in function.ts imports it). */
import { randomBytes } from 'crypto';
import type { TestGateway } from './testing';
import { freshOpenid } from './testing';
import { col } from '../server/core/db';
import { dayjs, PARK_TZ } from '../server/core/time';
import type { ActivityDoc } from '../cloudfunctions/volunteer/docs';

export const parkAt = (ms: number) => dayjs(ms).tz(PARK_TZ).format('YYYY-MM-DD HH:mm');

export async function ok(p: Promise<{ status: number; body: any }>) {
  const r = await p;
  if (!r.body.ok) throw new Error(`expected ok, got ${JSON.stringify(r.body)}`);
  return r.body.data;
}

export const codeOf = async (p: Promise<{ body: any }>) => {
  const r = await p;
  return r.body.ok ? 'OK' : r.body.error.code;
};

/** An activity open for sign-up now, starting `startInMin` from now. */
export async function makeActivity(gw: TestGateway, over: Record<string, unknown> = {}, startInMin = 3 * 24 * 60): Promise<string> {
  const start = Date.now() + startInMin * 60_000;
  const a = await ok(
    gw.call('volunteer', 'createActivity', {
      title: '测试志愿活动',
      teamId: 'vt-yuanzhifan',
      place: '党群服务中心大厅',
      startAt: parkAt(start),
      endAt: parkAt(start + 2 * 3600_000),
      capacity: 2,
      ...over,
    }, 'demo-admin'),
  );
  return a.id as string;
}

/** Moves an activity (and its event and registrations) to start at `startMs`, lasting `minutes`. */
export async function moveActivity(id: string, startMs: number, minutes: number): Promise<void> {
  const startAt = new Date(startMs);
  const endAt = new Date(startMs + minutes * 60_000);
  const [a] = (await col('volunteerActivities').doc(id).get()).data;
  await Promise.all([
    col('volunteerActivities').doc(id).update({ startAt, endAt, signupClosesAt: startAt, cancelClosesAt: startAt, signupOpensAt: new Date(startMs - 86400_000) }),
    col('events').doc(a.eventId).update({ startAt, endAt }),
    col('volunteerRegistrations').where({ activityId: id }).update({ startAt, endAt }),
  ]);
}

/** New people who have agreed to the privacy guideline (signing up requires it). */
export async function people(gw: TestGateway, n: number, tag = 'vol'): Promise<string[]> {
  const ids = Array.from({ length: n }, () => freshOpenid(tag));
  await Promise.all(ids.map((id) => ok(gw.call('user', 'acceptPrivacy', {}, id))));
  return ids;
}

/** Rows and counters of an activity, and whether they agree (the invariants of seats.ts at rest). */
export async function countersAndRows(id: string) {
  const [[a], rows] = await Promise.all([
    col('volunteerActivities').doc(id).get().then((r) => r.data),
    col('volunteerRegistrations').where({ activityId: id }).limit(1000).get().then((r) => r.data),
  ]);
  const confirmed = rows.filter((r) => r.status === 'confirmed');
  const waitlisted = rows.filter((r) => r.status === 'waitlisted').sort((x, y) => x.ticket - y.ticket);
  const active = rows.filter((r) => r.status !== 'cancelled');
  return { a, rows, confirmed, waitlisted, active };
}

/**
 * Past activities of one team written straight into the collection, one day apart, the first
 * title the oldest (distinct starts, so the list order is fixed): createActivity refuses a start
 * in the past, and only the reading of them is under test. Returns their ids, oldest first.
 */
export async function seedPastActivities(teamId: string, titles: string[], teamName = '归档测试服务队'): Promise<string[]> {
  const DAY = 86400_000;
  const base = Date.now() - 400 * DAY;
  const ids = titles.map(() => `va-test-${randomBytes(5).toString('hex')}`);
  await Promise.all(
    titles.map((title, i) => {
      const startAt = new Date(base + i * DAY);
      const endAt = new Date(startAt.getTime() + 2 * 3600_000);
      const doc: ActivityDoc = {
        title, description: '往期志愿活动', category: '送服务', tags: [], teamId, teamName, place: '党群服务中心大厅',
        startAt, endAt, signupOpensAt: new Date(startAt.getTime() - 7 * DAY), signupClosesAt: startAt, cancelClosesAt: startAt,
        eligibility: 'all', status: 'open', eventId: `ev-${ids[i]}`, capacity: 10, confirmed: 0, left: 10, waiting: 0, seq: 0, debt: 0,
        noShowsMarkedAt: null, createdBy: 'demo-admin', createdAt: startAt, updatedAt: startAt,
      };
      return col('volunteerActivities').add({ _id: ids[i], ...doc });
    }),
  );
  return ids;
}
