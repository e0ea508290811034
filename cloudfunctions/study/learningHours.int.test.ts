/**
 * 集中学习学时 through the local gateway against the embedded emulator: which attendance counts
 * (a real scan of a lecture's rotating code, meeting rows written as scan and tick produce them),
 * the day cap, the year, the member's own list, the branch's list by name, and who may see it.
 * Dates: the year is the park year of a lecture starting now, and the other sessions sit on fixed
 * days of THAT year (they exist on Jan 1 too; a future day is fine, the rows are written directly).
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { dayjs, parkDay } from '../../server/core/time';
import { signEventCode } from '../checkin/codes';
import { checkinSecret } from '../checkin/secret';
import type { EventDoc } from '../checkin/public';
import type { OrgLifeDoc } from '../org/public';
import { makeBranch, makeMember, makeUser } from '../../local/party.testkit';
import { parkYear } from './calendar';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

async function ok(p: Promise<{ body: any }>) {
  const r = await p;
  if (!r.body.ok) throw new Error(`expected ok, got ${JSON.stringify(r.body)}`);
  return r.body.data;
}
const code = async (p: Promise<{ body: any }>) => {
  const r = await p;
  return r.body.ok ? 'OK' : r.body.error.code;
};
const study = (action: string, params: unknown, openid: string) => gw.call('study', action, params, openid);

let n = 0;
const at = (day: string, hm: string) => dayjs.tz(`${day} ${hm}`, 'Asia/Shanghai').toDate();

/** A sign-in event of `kind` on `day` from..to (park time); for 'meeting' also its record. */
async function session(kind: EventDoc['kind'], day: string, from: string, to: string, meeting?: Partial<OrgLifeDoc> & { kind: OrgLifeDoc['kind']; branchId: string }): Promise<string> {
  const eventId = `ev-lh-${Date.now().toString(36)}-${n++}`;
  const recordId = `ol-lh-${Date.now().toString(36)}-${n++}`;
  const startAt = at(day, from);
  const endAt = at(day, to);
  const now = new Date();
  await col('events').add({ _id: eventId, kind, refId: meeting ? recordId : null, title: `测试${kind}`, venueId: null, place: '测试地点', startAt, endAt, rotateSeconds: 30, status: 'closed', createdBy: 'demo-admin', createdAt: now });
  if (meeting) {
    await col('orgLife').add({
      _id: recordId, topic: `${meeting.kind}学习`, startAt, endAt, venueId: null, place: '测试地点', summary: '', eventId, guestNames: [], recordedBy: 'x', createdAt: now, updatedAt: now, ...meeting,
    });
  }
  return eventId;
}

/** A check-in row as a scan (no recordedBy) or a secretary's tick (recordedBy) writes it. */
async function attend(eventId: string, openid: string, extra: { recordedBy?: string; guest?: boolean } = {}): Promise<void> {
  const key = `e:${eventId}:${openid}`;
  const [e] = (await col('events').doc(eventId).get()).data;
  await col('checkins').add({ key, openid, nonce: key, kind: 'event', venueId: null, eventId, day: parkDay(e.startAt), at: new Date(e.startAt), ...extra });
}

describe('集中学习学时', () => {
  let year: number;
  let branch: { branchId: string; secretary: string };
  let other: { branchId: string; secretary: string };
  let zhang: string;
  let li: string;
  let lectureId: string;

  beforeAll(async () => {
    branch = await makeBranch('学时支部');
    other = await makeBranch('学时他支部');
    zhang = await makeUser(['member'], '张三');
    li = await makeUser(['member'], '李四');
    await makeMember({ branchId: branch.branchId, openid: zhang, name: '张三' });
    await makeMember({ branchId: branch.branchId, openid: li, name: '李四' });
    await makeMember({ branchId: branch.branchId, openid: null, name: '王五' });
    await makeMember({ branchId: branch.branchId, openid: branch.secretary, name: '赵书记' });

    // A real lecture now, attended by scanning its rotating code: 90 minutes.
    const t = (min: number) => dayjs().tz('Asia/Shanghai').add(min, 'minute').format('YYYY-MM-DD HH:mm');
    const lecture = await ok(study('createLecture', { title: '学时大党课', place: '讲习所', startAt: t(-10), endAt: t(80) }, 'demo-admin'));
    lectureId = lecture.id;
    const startAt = (await col('events').doc(lectureId).get()).data[0].startAt;
    year = parkYear(new Date(startAt));
    const scene = signEventCode({ eventId: lectureId, rotateSeconds: 30, secret: checkinSecret(), now: Date.now() }).scene;
    expect((await ok(gw.call('checkin', 'scan', { code: scene }, zhang))).status).toBe('ok');

    // Fixed days of the lecture's year, never the lecture's own day (the day cap would mix them).
    const today = parkDay(new Date(startAt));
    const days = ['03-10', '03-11', '04-01', '04-02', '04-03', '04-04', '05-06', '05-07', '05-08', '05-09'].map((d) => `${year}-${d}`).filter((d) => d !== today);
    const b = branch.branchId;
    // counted: a scanned 党课 (record without a state: written before 核实) — 3 学时
    await attend(await session('meeting', days[0], '14:00', '17:00', { kind: '党课', branchId: b }), zhang);
    // not counted: 支委会 is not study
    await attend(await session('meeting', days[1], '14:00', '16:00', { kind: '支委会', branchId: b, state: 'counted' }), zhang);
    // not counted: a tick on a record nobody confirmed
    await attend(await session('meeting', days[2], '09:00', '12:00', { kind: '主题党日', branchId: b, state: 'counted', confirmedBy: null }), zhang, { recordedBy: branch.secretary });
    // counted: a tick on a record an admin confirmed at 核实 — 2 学时
    await attend(await session('meeting', days[3], '09:00', '11:00', { kind: '支部党员大会', branchId: b, state: 'counted', confirmedBy: 'demo-admin' }), zhang, { recordedBy: branch.secretary });
    // not counted: a scan of a record waiting for 核实
    await attend(await session('meeting', days[4], '09:00', '11:00', { kind: '党课', branchId: b, state: 'pending', pendingReason: 'edited' }), zhang);
    // not counted: 列席 another branch's 党课
    await attend(await session('meeting', days[5], '09:00', '11:00', { kind: '党课', branchId: other.branchId }), zhang, { guest: true });
    // counted, capped: 5 + 5 hours of center study on one day — 8 学时
    await attend(await session('study', days[6], '08:00', '13:00'), zhang);
    await attend(await session('study', days[6], '13:00', '18:00'), zhang);
    // not counted: a volunteer activity, a ticked lecture, last year's lecture
    await attend(await session('volunteer', days[7], '09:00', '11:00'), zhang);
    await attend(await session('lecture', days[8], '09:00', '11:00'), zhang, { recordedBy: 'demo-admin' });
    await attend(await session('lecture', `${year - 1}-06-01`, '09:00', '11:00'), zhang);
    // 李四: one scanned lecture, 2 学时
    await attend(await session('lecture', days[9], '09:00', '11:00'), li);
    // 钱七 erased their data (删除我的数据): the row is unbound and the check-ins carry the pseudonym.
    const qian = await makeMember({ branchId: b, openid: null, name: '钱七' });
    const pseudonym = `erased-lh-${Date.now().toString(36)}`;
    await col('partyMembers').doc(qian).update({ erasedAs: pseudonym });
    await attend(await session('meeting', days[9], '14:00', '15:30', { kind: '主题党日', branchId: b }), pseudonym);
  });

  test('the_member_sees_only_attended_code_verified_study_sessions_of_the_year', async () => {
    const mine = await ok(study('myLearningHours', { year }, zhang));
    expect(mine).toMatchObject({ year, hours: 14.5, target: 32 });
    expect(mine.rule).toContain('扫码签到');
    expect(mine.sessions.map((s: any) => s.kind).sort()).toEqual(['党课', '大党课', '支部党员大会', '集中学习', '集中学习'].sort());
    expect(mine.sessions.find((s: any) => s.eventId === lectureId)).toMatchObject({ hours: 1.5, scanned: true });
    expect(mine.sessions.find((s: any) => s.kind === '支部党员大会')).toMatchObject({ hours: 2, scanned: false });
    // Defaults to this park year.
    expect((await ok(study('myLearningHours', {}, zhang))).year).toBe(parkYear());
    // Last year holds only last year's lecture.
    expect(await ok(study('myLearningHours', { year: year - 1 }, zhang))).toMatchObject({ hours: 2, sessions: [{ kind: '大党课' }] });
  });

  test('a_secretary_now_has_the_56_target', async () => {
    expect(await ok(study('myLearningHours', { year }, branch.secretary))).toMatchObject({ hours: 0, target: 56, sessions: [] });
  });

  test('the_branch_list_is_by_name_never_by_hours_and_agrees_with_the_member_figure', async () => {
    const res = await ok(study('branchLearningHours', { branchId: branch.branchId, year }, branch.secretary));
    expect(res.members.map((m: any) => [m.name, m.hours, m.target, m.bound])).toEqual([
      ['李四', 2, 32, true],
      ['钱七', 1.5, 32, false], // counted under the pseudonym the erasure gave their check-ins
      ['王五', 0, 32, false],
      ['张三', 14.5, 32, true], // the database's count equals the rules' count on the member's page
      ['赵书记', 0, 56, true],
    ]);
    expect(res.members.find((m: any) => m.name === '张三').sessions).toBe(5);
    for (const m of res.members) expect(Object.keys(m)).not.toContain('rank');
    // An admin sees it too.
    expect((await ok(study('branchLearningHours', { branchId: branch.branchId, year }, 'demo-admin'))).members).toHaveLength(5);
  });

  test('nobody_else_sees_a_member_s_hours', async () => {
    // Another branch's secretary, a plain member, and no way to ask for someone else's own figure.
    expect(await code(study('branchLearningHours', { branchId: branch.branchId, year }, other.secretary))).toBe('FORBIDDEN');
    expect(await code(study('branchLearningHours', { branchId: branch.branchId, year }, li))).toBe('FORBIDDEN');
    expect(await code(study('myLearningHours', { year, openid: zhang }, li))).toBe('VALIDATION');
    expect(await code(study('branchLearningHours', { branchId: 'br-nope', year }, 'demo-admin'))).toBe('NOT_FOUND');
  });

  test('a_replaced_secretary_loses_the_branch_at_once', async () => {
    const b = await makeBranch('学时换届支部');
    const successor = await makeUser(['secretary', 'member'], '新书记');
    await col('branches').doc(b.branchId).update({ secretaryOpenid: successor });
    expect(await code(study('branchLearningHours', { branchId: b.branchId, year }, b.secretary))).toBe('FORBIDDEN');
    expect(await code(study('branchLearningHours', { branchId: b.branchId, year }, successor))).toBe('OK');
  });
});
