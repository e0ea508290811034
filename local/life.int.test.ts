/**
 * A test of life, not of a moment (lifecycle issue): random sequences of what happens to a park
 * over weeks — roles granted, moved and revoked, rooms booked and cancelled, volunteers signing up
 * and cancelling, activities edited, the clock moving on — run against the gateway, with the
 * park's invariants checked after EVERY step:
 *
 *   powers    — nobody holds a power their current roles do not give: `user.me` shows exactly the
 *               roles the model holds; a room booking is cancellable (not FORBIDDEN) by exactly
 *               those who act for its holder now, and listed in 我的预约 of exactly them; a study
 *               group is run (completion readable) by exactly its branch's current secretary;
 *   copies    — every copy equals its source: an enterprise's contact list and a branch's
 *               secretary equal the people's roles; an activity's sign-in event and every
 *               registration carry the activity's times;
 *   counters  — an activity's confirmed / waiting counters equal its rows, and places add up.
 *
 * The model is deliberately small (the rules of the issue, not of the code): a contact acts for
 * the enterprise they belong to now; a branch has at most one secretary, who leads one branch;
 * granting a branch a new secretary takes the role from the previous one. Each run uses fresh
 * people, a fresh activity and fresh study groups on one gateway, and ends by cancelling its
 * bookings, so runs do not see each other.
 */
import fc from 'fast-check';
import { freshOpenid, startTestGateway, type TestGateway } from './testing';
import { shiftClock } from './clock';
import { countersAndRows, makeActivity, parkAt } from './volunteer.testkit';
import { col } from '../server/core/db';
import { dayjs, PARK_TZ } from '../server/core/time';
import { releaseDue } from '../cloudfunctions/room/bookings';

jest.setTimeout(900_000);

const ADMIN = 'demo-admin';
const ENTERPRISES = ['ent-c', 'ent-d'];
const BRANCHES = ['br-xinyuan', 'br-kangyuan'];
const PEOPLE = 4;
const HOUR = 3600_000;

let gw: TestGateway;
let restoreClock: (() => void) | null = null;
let offset = 0;
const realNow = Date.now.bind(Date);

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  restoreClock?.();
  await gw.close();
});

/** Moves this process's clock `hours` further on (cumulative), as the park's week goes by. */
function advance(hours: number) {
  restoreClock?.();
  offset += hours * HOUR;
  restoreClock = shiftClock(new Date(realNow() + offset));
}

type Op =
  | { op: 'grantEnterprise'; who: number; e: number }
  | { op: 'revoke'; who: number; role: 'enterprise' | 'secretary' }
  | { op: 'grantSecretary'; who: number; b: number }
  | { op: 'book'; who: number; as: 'enterprise' | 'branch' }
  | { op: 'cancelBooking'; who: number; n: number }
  | { op: 'signUp' | 'cancel'; who: number }
  | { op: 'edit'; capacity: number; moveHours: number }
  | { op: 'advance'; hours: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('grantEnterprise' as const), who: fc.nat(PEOPLE - 1), e: fc.nat(ENTERPRISES.length - 1) }),
  fc.record({ op: fc.constant('revoke' as const), who: fc.nat(PEOPLE - 1), role: fc.constantFrom('enterprise' as const, 'secretary' as const) }),
  fc.record({ op: fc.constant('grantSecretary' as const), who: fc.nat(PEOPLE - 1), b: fc.nat(BRANCHES.length - 1) }),
  fc.record({ op: fc.constant('book' as const), who: fc.nat(PEOPLE - 1), as: fc.constantFrom('enterprise' as const, 'branch' as const) }),
  fc.record({ op: fc.constant('cancelBooking' as const), who: fc.nat(PEOPLE - 1), n: fc.nat(7) }),
  fc.record({ op: fc.constantFrom('signUp' as const, 'cancel' as const), who: fc.nat(PEOPLE - 1) }),
  fc.record({ op: fc.constant('edit' as const), capacity: fc.integer({ min: 1, max: 4 }), moveHours: fc.integer({ min: -24, max: 48 }) }),
  fc.record({ op: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 30 }) }),
);

/** What the park should be, by the rules (not by the code). */
interface Model {
  people: string[];
  enterpriseOf: Map<string, string | null>;
  secretaryOf: Map<string, string | null>; // branch → openid
  bookings: { id: string; holder: { kind: 'enterprise' | 'branch'; id: string } }[];
  groups: { id: string; branchId: string }[];
  activityId: string;
}
const isSecretary = (m: Model, p: string) => [...m.secretaryOf.values()].includes(p);
const actsFor = (m: Model, p: string, h: Model['bookings'][number]['holder']) =>
  h.kind === 'enterprise' ? m.enterpriseOf.get(p) === h.id : m.secretaryOf.get(h.id) === p;

const call = async (fn: string, action: string, params: unknown, who: string) => (await gw.call(fn, action, params, who)).body;

async function setUp(run: number): Promise<Model> {
  const people = Array.from({ length: PEOPLE }, () => freshOpenid('life'));
  for (const [i, p] of people.entries()) {
    await call('user', 'acceptPrivacy', {}, p);
    await call('user', 'updateProfile', { name: `居民${run}号${i}` }, p);
  }
  const secretaryOf = new Map<string, string | null>();
  for (const b of BRANCHES) secretaryOf.set(b, (await col('branches').doc(b).get()).data[0].secretaryOpenid ?? null);
  const groups = [];
  for (const b of BRANCHES) {
    const g = await call('study', 'createGroup', { name: `生活测试${run}-${b}-${Math.random().toString(36).slice(2, 6)}`, kind: 'branch', branchId: b }, ADMIN);
    groups.push({ id: g.data.id as string, branchId: b });
  }
  const activityId = await makeActivity(gw, { capacity: 2 });
  return { people, enterpriseOf: new Map(people.map((p) => [p, null])), secretaryOf, bookings: [], groups, activityId };
}

async function step(m: Model, o: Op, k: number): Promise<void> {
  const p = 'who' in o ? m.people[o.who] : ADMIN;
  switch (o.op) {
    case 'grantEnterprise': {
      const r = await call('user', 'grantRole', { openid: p, role: 'enterprise', enterpriseId: ENTERPRISES[o.e] }, ADMIN);
      expect(r.ok).toBe(true);
      m.enterpriseOf.set(p, ENTERPRISES[o.e]);
      return;
    }
    case 'grantSecretary': {
      const r = await call('user', 'grantRole', { openid: p, role: 'secretary', branchId: BRANCHES[o.b] }, ADMIN);
      expect(r.ok).toBe(true);
      // A secretary may lead several branches (G-13: 兼任); leading this one leaves the others as they are.
      m.secretaryOf.set(BRANCHES[o.b], p);
      return;
    }
    case 'revoke': {
      const held = o.role === 'enterprise' ? m.enterpriseOf.get(p) !== null : isSecretary(m, p);
      const r = await call('user', 'revokeRole', { openid: p, role: o.role }, ADMIN);
      expect(r.ok ? 'ok' : r.error.code).toBe(held ? 'ok' : 'CONFLICT');
      if (o.role === 'enterprise') m.enterpriseOf.set(p, null);
      else for (const [b, s] of m.secretaryOf) if (s === p) m.secretaryOf.set(b, null);
      return;
    }
    case 'book': {
      // A distinct hour of a distinct day per step, so only powers (not clashes) decide.
      const day = dayjs().tz(PARK_TZ).add(4 + (k % 20), 'day').format('YYYY-MM-DD');
      const hour = String(9 + Math.floor(k / 20)).padStart(2, '0');
      const r = await call('room', 'book', { venueId: 'venue-meet', day, start: `${hour}:00`, end: `${hour}:30`, purpose: '生活测试', attendees: 3, for: o.as }, p);
      // Without a branchId, a secretary of several branches books for one of them.
      const holders = o.as === 'enterprise' ? [m.enterpriseOf.get(p)].filter((x): x is string => !!x) : [...m.secretaryOf].filter(([, s]) => s === p).map(([b]) => b);
      if (!holders.length) expect(r.ok ? 'ok' : r.error.code).toMatch(/FORBIDDEN|NOT_FOUND/);
      else if (!r.ok) expect(r.error).not.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|VALIDATION/) });
      if (holders.length && r.ok) {
        expect(r.data.holder).toMatchObject({ kind: o.as });
        expect(holders).toContain(r.data.holder.id);
        m.bookings.push({ id: r.data.id, holder: { kind: o.as, id: r.data.holder.id } });
      }
      return;
    }
    case 'cancelBooking': {
      const b = m.bookings[o.n % Math.max(1, m.bookings.length)];
      if (!b) return;
      const r = await call('room', 'cancelBooking', { id: b.id }, p);
      if (actsFor(m, p, b.holder)) expect(r.ok ? 'ok' : r.error.code).not.toBe('FORBIDDEN');
      else expect(r.ok ? 'ok' : r.error.code).toMatch(/FORBIDDEN/);
      return;
    }
    case 'signUp':
    case 'cancel':
      await call('volunteer', o.op, { activityId: m.activityId }, p);
      return;
    case 'edit': {
      const [a] = (await col('volunteerActivities').doc(m.activityId).get()).data;
      const start = a.startAt.getTime() + o.moveHours * HOUR;
      await call('volunteer', 'updateActivity', { id: m.activityId, capacity: o.capacity, startAt: parkAt(start), endAt: parkAt(start + 2 * HOUR) }, ADMIN);
      return;
    }
    case 'advance':
      advance(o.hours);
      await releaseDue(new Date());
      return;
  }
}

async function checkInvariants(m: Model): Promise<void> {
  const _ = (await import('../server/core/db')).cmd();
  const [users, ents, branches] = await Promise.all([
    col('users').where({ _id: _.in(m.people) }).get(),
    col('enterprises').where({ _id: _.in(ENTERPRISES) }).get(),
    col('branches').where({ _id: _.in(BRANCHES) }).get(),
  ]);
  const ids = new Set(m.bookings.map((b) => b.id));
  for (const p of m.people) {
    // powers: roles
    const u = users.data.find((x) => x._id === p)!;
    expect({ p, enterprise: u.roles.includes('enterprise') ? u.enterpriseId : null, secretary: u.roles.includes('secretary') }).toEqual({
      p,
      enterprise: m.enterpriseOf.get(p),
      secretary: isSecretary(m, p),
    });
    // powers: 我的预约 lists exactly the bookings of the holders they act for now
    const mine = await call('room', 'myBookings', {}, p);
    const seen = mine.ok ? mine.data.map((b: { id: string }) => b.id).filter((id: string) => ids.has(id)).sort() : [];
    expect({ p, seen }).toEqual({ p, seen: m.bookings.filter((b) => actsFor(m, p, b.holder)).map((b) => b.id).sort() });
    // powers: who runs a branch's study group
    for (const g of m.groups) {
      const r = await call('study', 'completion', { groupId: g.id }, p);
      expect({ p, group: g.branchId, runs: r.ok }).toEqual({ p, group: g.branchId, runs: m.secretaryOf.get(g.branchId) === p });
    }
  }
  // copies: contact lists and secretaries equal the people's roles
  for (const e of ents.data) {
    expect({ e: e._id, ours: (e.contactOpenids ?? []).filter((x: string) => m.people.includes(x)).sort() }).toEqual({
      e: e._id,
      ours: m.people.filter((p) => m.enterpriseOf.get(p) === e._id).sort(),
    });
  }
  for (const b of branches.data) expect({ b: b._id, secretary: b.secretaryOpenid ?? null }).toEqual({ b: b._id, secretary: m.secretaryOf.get(b._id) });
  // copies and counters of the activity
  const { a, rows, confirmed, waitlisted } = await countersAndRows(m.activityId);
  const [event] = (await col('events').doc(a.eventId).get()).data;
  expect([event.startAt.getTime(), event.endAt.getTime()]).toEqual([a.startAt.getTime(), a.endAt.getTime()]);
  for (const r of rows) expect([r.startAt.getTime(), r.endAt.getTime()]).toEqual([a.startAt.getTime(), a.endAt.getTime()]);
  expect({ confirmed: a.confirmed, waiting: a.waiting, places: a.confirmed + a.left }).toEqual({ confirmed: confirmed.length, waiting: waitlisted.length, places: a.capacity });
}

const stats = { runs: 0, steps: 0, byOp: {} as Record<string, number> };

test('random_lives_of_the_park_keep_powers_copies_and_counters_true_after_every_step', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), async (ops) => {
      const m = await setUp(stats.runs++);
      try {
        for (const [k, o] of ops.entries()) {
          await step(m, o, k);
          stats.steps++;
          stats.byOp[o.op] = (stats.byOp[o.op] ?? 0) + 1;
          await checkInvariants(m);
        }
      } finally {
        await Promise.all(m.bookings.map((b) => call('room', 'cancelBooking', { id: b.id }, ADMIN)));
      }
    }),
    { numRuns: Number(process.env.LIFE_RUNS ?? 12) },
  );
  // The note quotes this line: how much life the property saw.
  console.log(`life: ${stats.runs} runs, ${stats.steps} steps, ${JSON.stringify(stats.byOp)}`);
});
