/**
 * Evidence providers for the star-rating rubric: each turns what RedPark has recorded in a quarter
 * into one number per branch (meetings held, attendance, lecture check-ins …).
 *
 * Why a registry of providers: the rubric names its sources by key ('orgLife.themeDay'), admins
 * add or drop items without code, and capabilities that land later (study, volunteer, demand)
 * plug in by replacing their placeholder here with an implementation — one entry, no change to the
 * rubric, the sheet or the pages. Until then a placeholder says `available: false` and its items are
 * scored by the assessor, with a note.
 *
 * Each provider answers for ALL branches of the sheet in a fixed number of aggregations (never one
 * query per branch); providers of one sheet share the org-life numbers through `memo`.
 */
import { cmd, col, during } from '../../server/core/db';
import { dayjs, PARK_TZ, parkDay } from '../../server/core/time';
import type { OrgLifeKind, OrgLifeRulesDoc } from './docs';
import { capRefs, type Evidence } from './scoring';
import type { EvidenceRef } from './docs';
import { checkKinds, checkLine, loadOrgLifeRules } from './orgLifeRules';
import { branchRoster } from './members';
import { withStretch, type RosterPerson } from '../party/public';
import { mapLimit } from '../../server/core/limit';
import { branchStudyFinished } from '../study/public';
import { memberMinutes } from '../volunteer/public';
import { resolvedByHandler } from '../demand/public';

export interface BranchScope {
  id: string;
  /** Party members (full + probationary) of the enterprises it covers, from the ledger. */
  ledgerMembers: number;
}

export interface EvidenceScope {
  branches: BranchScope[];
  from: Date;
  to: Date;
  fromDay: string;
  toDay: string;
  /** Shared work between providers of one sheet. */
  memo: Map<string, Promise<unknown>>;
}

export interface EvidenceProvider {
  key: string;
  label: string;
  unit: string;
  /** False while the capability whose records it reads has not landed. */
  available: boolean;
  /** Where the numbers come from, shown beside the item. */
  describe: string;
  collect(scope: EvidenceScope): Promise<Map<string, Evidence>>;
}

const SANHUI: OrgLifeKind[] = ['支部党员大会', '支委会', '党小组会', '党课'];

/**
 * Record states that never count as evidence: awaiting or refused 核实, or withdrawn. Matched with
 * `nin` so records written before 核实 existed (no state) keep counting.
 */
export const NOT_COUNTED_STATES = ['pending', 'rejected', 'withdrawn'];

function once<T>(scope: EvidenceScope, key: string, fn: () => Promise<T>): Promise<T> {
  if (!scope.memo.has(key)) scope.memo.set(key, fn());
  return scope.memo.get(key) as Promise<T>;
}

interface OrgLifeNumbers {
  /** branch → kind → meetings held in each month of the quarter (index 0..2) */
  held: Map<string, Partial<Record<OrgLifeKind, number[]>>>;
  /** branch → the counted meetings themselves (the trace of the items scored from them) */
  records: Map<string, { id: string; kind: OrgLifeKind; topic: string; startAt: Date }[]>;
  /** branch → attendances (member check-ins at its meetings, by code or by hand, plus guests by name) */
  attendances: Map<string, number>;
  rules: OrgLifeRulesDoc;
}

/** The first instants of the quarter's second and third months (park midnights). */
function laterMonthStarts(fromDay: string): [Date, Date] {
  const first = dayjs.utc(fromDay);
  const at = (n: number) => dayjs.tz(`${first.add(n, 'month').format('YYYY-MM-DD')} 00:00`, PARK_TZ).toDate();
  return [at(1), at(2)];
}

/**
 * Two aggregations for every branch: counted meetings by kind and month (with guests), and member
 * check-ins at those meetings; and the rule table they are held against.
 */
function orgLifeNumbers(scope: EvidenceScope): Promise<OrgLifeNumbers> {
  return once(scope, 'orgLife', async () => {
    const _ = cmd();
    const $ = _.aggregate;
    const ids = scope.branches.map((b) => b.id);
    const [m2, m3] = laterMonthStarts(scope.fromDay);
    const [meetings, checkins, rules] = (await Promise.all([
      col('orgLife')
        .aggregate()
        .match({ branchId: _.in(ids), startAt: during(scope.from, scope.to), state: _.nin(NOT_COUNTED_STATES) })
        .group({
          _id: { b: '$branchId', k: '$kind', m: $.cond({ if: $.gte(['$startAt', m3]), then: 2, else: $.cond({ if: $.gte(['$startAt', m2]), then: 1, else: 0 }) }) },
          n: $.sum(1),
          guests: $.sum($.size('$guestNames')),
          // The meetings themselves, for the sheet's trace: a branch holds a handful per kind and month.
          recs: $.push({ id: '$_id', topic: '$topic', startAt: '$startAt' }),
        })
        .limit(1000)
        .end(),
      // Event check-ins of the quarter joined to the meeting they belong to (lectures and other
      // events join nothing and drop out at the unwind). 列席 scans (guest) are not members present.
      col('checkins')
        .aggregate()
        .match({ kind: 'event', day: _.gte(scope.fromDay).and(_.lte(scope.toDay)), guest: _.neq(true) })
        .lookup({ from: 'orgLife', localField: 'eventId', foreignField: 'eventId', as: 'meeting' })
        .unwind('$meeting')
        .match({ 'meeting.branchId': _.in(ids), 'meeting.state': _.nin(NOT_COUNTED_STATES) })
        .group({ _id: '$meeting.branchId', n: $.sum(1) })
        .limit(1000)
        .end(),
      loadOrgLifeRules(),
    ])) as [{ data: { _id: { b: string; k: OrgLifeKind; m: number }; n: number; guests: number; recs: { id: string; topic: string; startAt: Date }[] }[] }, { data: { _id: string; n: number }[] }, OrgLifeRulesDoc];
    const held = new Map<string, Partial<Record<OrgLifeKind, number[]>>>();
    const attendances = new Map<string, number>();
    const records = new Map<string, { id: string; kind: OrgLifeKind; topic: string; startAt: Date }[]>();
    for (const r of meetings.data) {
      const list = records.get(r._id.b) ?? [];
      list.push(...(r.recs ?? []).map((x) => ({ ...x, kind: r._id.k })));
      records.set(r._id.b, list);
      const row = held.get(r._id.b) ?? {};
      const months = row[r._id.k] ?? [0, 0, 0];
      months[r._id.m] += r.n;
      row[r._id.k] = months;
      held.set(r._id.b, row);
      attendances.set(r._id.b, (attendances.get(r._id.b) ?? 0) + r.guests);
    }
    for (const r of checkins.data) attendances.set(r._id, (attendances.get(r._id) ?? 0) + r.n);
    return { held, records, attendances, rules };
  });
}

const count = (row: Partial<Record<OrgLifeKind, number[]>> | undefined, kinds: OrgLifeKind[]) =>
  kinds.reduce((s, k) => s + (row?.[k] ?? []).reduce((a, n) => a + n, 0), 0);

/**
 * Meetings that meet the rule table, kind by kind: the value is the requirements met and the target
 * the requirements of the quarter (from the table, not the rubric), so a kind that is missing can
 * never be made up by more meetings of another kind, or of the same kind in one month.
 */
/** A park day and time for a trace line. */
const stamp = (at: Date) => dayjs(at).tz(PARK_TZ).format('YYYY-MM-DD HH:mm');

/** Meetings as trace refs, in time order. */
function meetingRefs(list: { id: string; kind: OrgLifeKind; topic: string; startAt: Date }[]): EvidenceRef[] {
  return [...list]
    .sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime() || a.id.localeCompare(b.id))
    .map((m) => ({ col: 'orgLife', id: m.id, label: `${stamp(m.startAt)} ${m.kind}：${m.topic}` }));
}

function byRules(scope: EvidenceScope, kinds: OrgLifeKind[]) {
  return async () => {
    const { held, records, rules } = await orgLifeNumbers(scope);
    return new Map(
      scope.branches.map((b) => {
        const checks = checkKinds(rules.rules, kinds, held.get(b.id) ?? {});
        const target = checks.reduce((s, c) => s + c.required, 0);
        const value = checks.reduce((s, c) => s + c.met, 0);
        const detail = checks.length ? checks.map(checkLine).join('；') : '规则表未要求此类会议';
        const refs = meetingRefs((records.get(b.id) ?? []).filter((m) => kinds.includes(m.kind)));
        return [b.id, { value, target, unit: '次', detail, ...capRefs(refs) }] as [string, Evidence];
      }),
    );
  };
}

const sanhuiyike: EvidenceProvider = {
  key: 'orgLife.sanhuiyike',
  label: '“三会一课”记录',
  unit: '次',
  available: true,
  describe: '按三会一课规则表逐类核对：支部党员大会、支委会、党小组会、党课各自达到最低次数的部分计入（已核实的记录）',
  collect: (scope) => byRules(scope, SANHUI)(),
};

const themeDay: EvidenceProvider = {
  key: 'orgLife.themeDay',
  label: '主题党日记录',
  unit: '次',
  available: true,
  describe: '按规则表核对主题党日（每月至少 1 次，已核实的记录）',
  collect: (scope) => byRules(scope, ['主题党日'])(),
};

/** Meetings the whole branch is called to: their attendance is held against the month's roster. */
const WHOLE_BRANCH: OrgLifeKind[] = ['支部党员大会', '党课', '主题党日'];
/**
 * 支委会 is attended by the committee, 党小组会 by one small group. RedPark keeps neither list (the
 * roster has no 支委 or 党小组 field), so dividing them by the whole roster would understate them:
 * they are shown with their head count and left out of the rate until those lists exist.
 */
const PART_OF_BRANCH: OrgLifeKind[] = ['支委会', '党小组会'];
/** Rows per page of the attendance reads: every page is read, so no figure is silently cut. */
const ATTENDANCE_PAGE = 500;

async function allPages<T>(page: (skip: number) => Promise<{ data: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += ATTENDANCE_PAGE) {
    const { data } = await page(skip);
    out.push(...data);
    if (data.length < ATTENDANCE_PAGE) return out;
  }
}

interface MeetingRow { _id: string; branchId: string; kind: OrgLifeKind; topic: string; startAt: Date; guests: number; present: string[]; signInIds: string[] }
interface StretchRow { branchId: string; memberId: string; from: string; to: string | null; openid?: string | null; erasedAs?: string | null }

/**
 * 组织生活参会率 from the roster (issue 21, findings G-04): per counted meeting, the distinct roster
 * members of the branch in the meeting's month who signed in (scan or the secretary's tick), over
 * that month's roster — people outside it (列席, typed guest names) are listed apart, never counted.
 * Two reads for every branch, paged: the quarter's meetings with their sign-ins, and the stretches
 * of the branches' rosters overlapping the quarter, each with the user its row is bound to.
 */
const attendance: EvidenceProvider = {
  key: 'orgLife.attendance',
  label: '组织生活参会率',
  unit: '%',
  available: true,
  describe: '支部党员大会、党课、主题党日：到会的本支部花名册党员（扫码或书记勾选，按人去重）÷ 当月花名册党员数；列席人员单列、不计入；支委会、党小组会暂无委员和小组名单，单列次数、不计入',
  async collect(scope) {
    const _ = cmd();
    const $ = _.aggregate;
    const ids = scope.branches.map((b) => b.id);
    const months = [0, 1, 2].map((n) => dayjs.utc(scope.fromDay).add(n, 'month').format('YYYY-MM'));
    const [meetings, stretches] = await Promise.all([
      allPages<MeetingRow>((skip) =>
        col('orgLife')
          .aggregate()
          .match({ branchId: _.in(ids), startAt: during(scope.from, scope.to), state: _.nin(NOT_COUNTED_STATES) })
          .lookup({ from: 'checkins', localField: 'eventId', foreignField: 'eventId', as: 'signIns' })
          .project({ branchId: 1, kind: 1, topic: 1, startAt: 1, guests: $.size('$guestNames'), present: '$signIns.openid', signInIds: '$signIns._id' })
          .sort({ _id: 1 })
          .skip(skip)
          .limit(ATTENDANCE_PAGE)
          .end() as Promise<{ data: MeetingRow[] }>,
      ),
      allPages<StretchRow>((skip) =>
        // The rows with a stretch in these branches overlapping the quarter, then each such stretch
        // (on the row since issue 19, so no join); (member, from, branch) orders the pages.
        col('partyMembers')
          .aggregate()
          .match(withStretch(_.in(ids), _.lte(`${months[2]}-01`), `${months[0]}-01`))
          .project({ stretches: 1, openid: 1, erasedAs: 1 })
          .unwind('$stretches')
          .match({ 'stretches.branchId': _.in(ids), 'stretches.from': _.lte(`${months[2]}-01`), 'stretches.to': _.eq(null).or(_.gt(`${months[0]}-01`)) })
          .project({ _id: 0, memberId: '$_id', branchId: '$stretches.branchId', from: '$stretches.from', to: '$stretches.to', openid: 1, erasedAs: 1 })
          .sort({ memberId: 1, from: 1, branchId: 1 })
          .skip(skip)
          .limit(ATTENDANCE_PAGE)
          .end() as Promise<{ data: StretchRow[] }>,
      ),
    ]);
    // branch → month → memberId → the ids a sign-in of theirs carries (openid now, or the pseudonym after erasure).
    const roster = new Map<string, Map<string, Map<string, string[]>>>();
    for (const s of stretches) {
      for (const m of months) {
        const day = `${m}-01`;
        if (s.from > day || (s.to !== null && s.to <= day)) continue;
        const byMonth = roster.get(s.branchId) ?? new Map<string, Map<string, string[]>>();
        const people = byMonth.get(m) ?? new Map<string, string[]>();
        people.set(s.memberId, [s.openid, s.erasedAs].filter((x): x is string => !!x));
        byMonth.set(m, people);
        roster.set(s.branchId, byMonth);
      }
    }
    const today = dayjs().tz(PARK_TZ).format('YYYY-MM');
    return new Map(scope.branches.map((b) => {
      let seats = 0;
      let came = 0;
      let guests = 0;
      let whole = 0;
      let part = 0;
      let partCame = 0;
      const refs: EvidenceRef[] = [];
      const own = meetings.filter((x) => x.branchId === b.id).sort((x, y) => new Date(x.startAt).getTime() - new Date(y.startAt).getTime() || x._id.localeCompare(y._id));
      for (const m of own) {
        const people = roster.get(b.id)?.get(dayjs(m.startAt).tz(PARK_TZ).format('YYYY-MM')) ?? new Map<string, string[]>();
        const signedIn = new Set(m.present ?? []);
        const members = [...people.values()].filter((keys) => keys.some((k) => signedIn.has(k))).length;
        const known = new Set([...people.values()].flat());
        // The trace: the meeting and the sign-in rows of roster members it counted (列席 rows left out).
        const rows = (m.signInIds ?? []).filter((_id, n) => known.has((m.present ?? [])[n]));
        const counted = WHOLE_BRANCH.includes(m.kind) ? `应到 ${people.size} 人，实到 ${members} 人` : `到会党员 ${members} 人（不计入参会率）`;
        refs.push({ col: 'orgLife', id: m._id, label: `${stamp(m.startAt)} ${m.kind}：${m.topic ?? ''} · ${counted}`, rows, rowsTotal: rows.length });
        guests += m.guests + [...signedIn].filter((o) => !known.has(o)).length;
        if (WHOLE_BRANCH.includes(m.kind)) {
          whole += 1;
          seats += people.size;
          came += members;
        } else if (PART_OF_BRANCH.includes(m.kind)) {
          part += 1;
          partCame += members;
        }
      }
      const rate = seats > 0 ? Math.round((came / seats) * 100) : 0;
      const lines = [
        whole ? `支部党员大会、党课、主题党日 ${whole} 次：应到 ${seats} 人次，实到 ${came} 人次` : '本季度暂无全体党员参加的组织生活记录',
      ];
      if (part) lines.push(`支委会、党小组会 ${part} 次（到会党员 ${partCame} 人次，无委员和小组名单，不计入参会率）`);
      if (guests) lines.push(`列席 ${guests} 人次（不计入）`);
      // The roster against the ledger's typed count: the latest month of the quarter that has begun.
      const last = months.filter((m) => m <= today).pop() ?? months[0];
      const size = roster.get(b.id)?.get(last)?.size ?? 0;
      if (size !== b.ledgerMembers) lines.push(`花名册党员 ${size} 名与台账党员 ${b.ledgerMembers} 名不一致，请核对`);
      return [b.id, { value: rate, unit: '%', detail: lines.join('；'), ...capRefs(refs) }];
    }));
  },
};

/**
 * 大党课到课率 over the roster (findings G-07, issue 21): of the branch's 花名册 members of the quarter
 * (in the branch in any month of it begun), how many scanned in at a Party lecture (kind 'lecture')
 * of the quarter — not the users the app approved into the branch today, whose list a transfer or a
 * revoked role rewrites. A member not bound to WeChat cannot scan: expected, not present, as at the
 * branch's meetings. Reads: the quarter's lectures, the roster (shared with the other providers of
 * the sheet) and the check-ins of those people, for every branch together.
 */
const lecture: EvidenceProvider = {
  key: 'checkin.lecture',
  label: '大党课扫码到课率',
  unit: '%',
  available: true,
  describe: '本季度本支部花名册党员中在大党课扫码签到的比例（未绑定微信的党员计入应到）',
  async collect(scope) {
    const _ = cmd();
    const [lectures, roster] = await Promise.all([
      col('events').where({ kind: 'lecture', startAt: during(scope.from, scope.to) }).field({ _id: true, title: true, startAt: true }).limit(200).get(),
      quarterRoster(scope),
    ]) as [{ data: { _id: string; title?: string; startAt: Date }[] }, Awaited<ReturnType<typeof quarterRoster>>];
    // branch → memberId → the ids a check-in of theirs carries.
    const people = new Map(scope.branches.map((b) => {
      const byMember = new Map<string, string[]>();
      for (const list of roster.get(b.id)?.values() ?? []) {
        for (const p of list) byMember.set(p.memberId, [p.openid, p.erasedAs].filter((x): x is string => !!x));
      }
      return [b.id, byMember] as const;
    }));
    const keys = [...new Set([...people.values()].flatMap((m) => [...m.values()].flat()))];
    /** openid → the sign-in rows it has at the quarter's lectures (row id, lecture id) */
    const came = new Map<string, { c: string; e: string }[]>();
    if (lectures.data.length && keys.length) {
      const rows = (await col('checkins')
        .aggregate()
        .match({ eventId: _.in(lectures.data.map((e) => e._id)), openid: _.in(keys) })
        .group({ _id: '$openid', rows: _.aggregate.push({ c: '$_id', e: '$eventId' }) })
        .limit(keys.length)
        .end()) as { data: { _id: string; rows: { c: string; e: string }[] }[] };
      for (const r of rows.data) came.set(r._id, r.rows ?? []);
    }
    const ordered = [...lectures.data].sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime() || a._id.localeCompare(b._id));
    return new Map(scope.branches.map((b) => {
      const members = [...(people.get(b.id)?.values() ?? [])];
      const m = members.length;
      const c = members.filter((ids) => ids.some((k) => came.has(k))).length;
      const rate = m > 0 ? Math.round((c / m) * 100) : 0;
      const detail = `大党课 ${lectures.data.length} 场，花名册党员 ${m} 名中 ${c} 名扫码到课`;
      // One counted row per member and lecture, whichever of their ids signed in.
      const rowsOf = new Map<string, string[]>();
      for (const ids of members) {
        const seen = new Set<string>();
        for (const x of ids.flatMap((k) => came.get(k) ?? [])) {
          if (seen.has(x.e)) continue;
          seen.add(x.e);
          rowsOf.set(x.e, [...(rowsOf.get(x.e) ?? []), x.c]);
        }
      }
      const refs: EvidenceRef[] = ordered.map((e) => {
        const rows = rowsOf.get(e._id) ?? [];
        return { col: 'events', id: e._id, label: `${stamp(e.startAt)} ${e.title ?? '大党课'} · 本支部党员扫码 ${rows.length} 人`, rows, rowsTotal: rows.length };
      });
      return [b.id, { value: rate, unit: '%', detail, ...capRefs(refs) }];
    }));
  },
};

/**
 * A source whose records belong to a capability still being built: scored by hand until it lands.
 * None is pending today (study, volunteer and demand landed, G-01); kept for the next capability.
 */
export function pending(key: string, label: string, unit: string, describe: string): EvidenceProvider {
  return { key, label, unit, available: false, describe, collect: async () => new Map() };
}

/**
 * The branch's members in each month of the quarter that has begun (`YYYY-MM` → openids), for
 * the items measured over people (G-01): read through `branchMembers`, the one place that says who
 * a branch's members were in a month, shared by the three providers of one sheet. Its cost is one
 * read per branch and month begun (a few dozen for a park), run four at a time.
 */
function quarterMembers(scope: EvidenceScope): Promise<Map<string, Map<string, string[]>>> {
  return once(scope, 'members', async () => {
    const roster = await quarterRoster(scope);
    // The bound openids of each month's roster: what `branchMembers` answers, from the same reads.
    return new Map([...roster].map(([b, byMonth]) => [b, new Map([...byMonth].map(([m, list]) => [m, list.flatMap((p) => (p.openid ? [p.openid] : []))]))]));
  });
}

/**
 * The branch's roster in each month of the quarter that has begun (`YYYY-MM` → people, bound or
 * not), read through `branchRoster` once per sheet: one aggregation per branch and month begun,
 * run four at a time. `quarterMembers` (the bound openids) is derived from it.
 */
function quarterRoster(scope: EvidenceScope): Promise<Map<string, Map<string, RosterPerson[]>>> {
  return once(scope, 'roster', async () => {
    const first = dayjs.utc(scope.fromDay);
    const today = parkDay();
    const months = [0, 1, 2].map((i) => first.add(i, 'month')).filter((m) => m.format('YYYY-MM-DD') <= today).map((m) => m.format('YYYY-MM'));
    const pairs = scope.branches.flatMap((b) => months.map((m) => [b.id, m] as const));
    const lists = await mapLimit(pairs, 4, ([b, m]) => branchRoster(b, m));
    const out = new Map<string, Map<string, RosterPerson[]>>(scope.branches.map((b) => [b.id, new Map()]));
    pairs.forEach(([b, m], i) => out.get(b)!.set(m, lists[i]));
    return out;
  });
}

/** Everyone who was a member of the branch in some month of the quarter. */
const everyone = (byMonth: Map<string, string[]> | undefined) => [...new Set([...(byMonth?.values() ?? [])].flat())];

/**
 * 党员学习完成率: of the branch's members of each month, how many finished that month's topic of
 * the branch's own study group; summed over the months that had a topic. A member who joined no
 * group, or studied in another branch's group, is a member who did not finish (G-07); each month
 * is counted against that month's members (G-08).
 */
const studyCompletion: EvidenceProvider = {
  key: 'study.completion',
  label: '党员学习完成率',
  unit: '%',
  available: true,
  describe: '各月本支部党员中完成本支部学习小组当月专题（资料全部学完并提交自学记录）的比例，按有专题的月份合计',
  async collect(scope) {
    const members = await quarterMembers(scope);
    const months = [...new Set([...members.values()].flatMap((m) => [...m.keys()]))];
    const study = await branchStudyFinished(scope.branches.map((b) => b.id), months);
    return new Map(scope.branches.map((b) => {
      let seats = 0;
      let done = 0;
      let topicMonths = 0;
      // The trace: each member counted, with the months they were held to and finished.
      const per = new Map<string, { due: string[]; done: string[] }>();
      for (const [month, people] of members.get(b.id) ?? []) {
        if (!study.topics.has(`${b.id}|${month}`)) continue;
        topicMonths += 1;
        const finished = study.finished.get(`${b.id}|${month}`) ?? new Set<string>();
        seats += people.length;
        done += people.filter((o) => finished.has(o)).length;
        for (const o of people) {
          const p = per.get(o) ?? { due: [], done: [] };
          p.due.push(month);
          if (finished.has(o)) p.done.push(month);
          per.set(o, p);
        }
      }
      const rate = seats > 0 ? Math.round((done / seats) * 100) : 0;
      const detail = topicMonths ? `${topicMonths} 个月有学习专题，党员累计 ${seats} 人次，完成 ${done} 人次` : '本季度本支部学习小组没有学习专题';
      const refs: EvidenceRef[] = [...per].sort(([a], [c]) => a.localeCompare(c)).map(([o, p]) => ({ col: 'users', id: o, label: `应学 ${p.due.length} 个月，完成 ${p.done.length} 个月${p.done.length ? `（${p.done.join('、')}）` : ''}` }));
      return [b.id, { value: rate, unit: '%', detail, ...capRefs(refs) }] as [string, Evidence];
    }));
  },
};

/** 党员人均志愿服务时长: credited hours of the quarter's members over their number. */
const volunteerHours: EvidenceProvider = {
  key: 'volunteer.hours',
  label: '党员人均志愿服务时长',
  unit: '小时',
  available: true,
  describe: '本季度本支部党员（季度内任一月份在册）获得确认的志愿服务时长合计 ÷ 党员人数',
  async collect(scope) {
    const members = await quarterMembers(scope);
    const people = new Map(scope.branches.map((b) => [b.id, everyone(members.get(b.id))]));
    const minutes = await memberMinutes([...new Set([...people.values()].flat())], scope.from, scope.to);
    return new Map(scope.branches.map((b) => {
      const list = people.get(b.id) ?? [];
      const total = list.reduce((s, o) => s + (minutes.get(o) ?? 0), 0);
      const avg = list.length ? Math.round((total / 60 / list.length) * 10) / 10 : 0;
      const detail = `党员 ${list.length} 名，志愿服务共 ${Math.round((total / 60) * 10) / 10} 小时，${list.filter((o) => minutes.get(o)).length} 人参加`;
      const refs: EvidenceRef[] = [...list].sort().filter((o) => minutes.get(o)).map((o) => ({ col: 'users', id: o, label: `志愿服务 ${Math.round(((minutes.get(o) ?? 0) / 60) * 10) / 10} 小时` }));
      return [b.id, { value: avg, unit: '小时', detail, ...capRefs(refs) }] as [string, Evidence];
    }));
  },
};

/** 党员领办诉求: demands the quarter's members handled and resolved in the quarter. */
const demandHandled: EvidenceProvider = {
  key: 'demand.handled',
  label: '党员领办诉求数',
  unit: '件',
  available: true,
  describe: '本季度由本支部党员承办并办结（未被退回重办）的企业、群众诉求件数',
  async collect(scope) {
    const members = await quarterMembers(scope);
    const people = new Map(scope.branches.map((b) => [b.id, everyone(members.get(b.id))]));
    const resolved = await resolvedByHandler([...new Set([...people.values()].flat())], scope.from, scope.to);
    return new Map(scope.branches.map((b) => {
      const list = people.get(b.id) ?? [];
      const n = list.reduce((s, o) => s + (resolved.get(o) ?? 0), 0);
      const who = list.filter((o) => resolved.get(o)).length;
      const refs: EvidenceRef[] = [...list].sort().filter((o) => resolved.get(o)).map((o) => ({ col: 'users', id: o, label: `办结诉求 ${resolved.get(o)} 件` }));
      return [b.id, { value: n, unit: '件', detail: n ? `${who} 名党员领办并办结诉求 ${n} 件` : '本季度本支部党员没有办结的诉求', ...capRefs(refs) }] as [string, Evidence];
    }));
  },
};

export const EVIDENCE_PROVIDERS: Record<string, EvidenceProvider> = Object.fromEntries(
  [
    sanhuiyike,
    themeDay,
    attendance,
    lecture,
    studyCompletion,
    volunteerHours,
    demandHandled,
  ].map((p) => [p.key, p]),
);

export const AVAILABLE_SOURCES: ReadonlySet<string> = new Set(
  Object.values(EVIDENCE_PROVIDERS).filter((p) => p.available).map((p) => p.key),
);

/** Evidence for every branch of a sheet: branch → source → evidence. Only the sources the items use. */
export async function collectEvidence(
  sources: readonly string[],
  scope: Omit<EvidenceScope, 'memo'>,
): Promise<Map<string, Map<string, Evidence>>> {
  const full: EvidenceScope = { ...scope, memo: new Map() };
  const used = [...new Set(sources)].filter((s) => AVAILABLE_SOURCES.has(s));
  const results = await Promise.all(used.map((s) => EVIDENCE_PROVIDERS[s].collect(full)));
  const out = new Map<string, Map<string, Evidence>>(scope.branches.map((b) => [b.id, new Map()]));
  used.forEach((s, i) => {
    for (const [branchId, ev] of results[i]) out.get(branchId)?.set(s, ev);
  });
  return out;
}
