/**
 * Demo 党员花名册 of every seeded organisation (the five with a secretary — branch-joint, br-xinyuan,
 * br-zhixing, br-kangyuan, br-joint-d — and the others, whose rows are all unbound, so that coverage
 * can count 正式党员 on the roster, findings G-12): every seeded member user is a bound row, the rest are people not on
 * WeChat (unbound), some 预备, some 未转入 with where their relation sits. Each enterprise's rows
 * add up to its 五清 ledger facts (正式 / 预备 / 组织关系在园区, local/seed-org.ts LEDGER):
 * `rosterPlan` derives the rows from those counts, so the two cannot disagree
 * (cloudfunctions/party/party.int.test.ts recounts them).
 *
 * History, relative to the day of the seed: stretches begin months before it; 郑海波 (demo-pm-03)
 * came from 智行 three months ago by a confirmed between-branch transfer, 刘芳 (seed-member-01)
 * arrived from outside the park with a 介绍信; one 芯源 member waits for demo-secretary to confirm
 * a move into the joint branch. 黄志强's unbound row is what approving demo-applicant links to.
 */
import { dayjs, parkDay } from '../server/core/time';
import { col } from '../server/core/db';
import { isDuplicateKey } from '../server/core/errors';
import { put } from './seed-appointment';
import { LEDGER, ORG_BRANCHES } from './seed-org';
import { BRANCHES } from './seed';
import { seedEpoch } from './seed-clock';
import type { PartyMemberDoc, PartyStretch, PartyTransferDoc } from '../cloudfunctions/party/docs';

const at = seedEpoch();

/** The branches seeded with a roster, and the bound members of each (their users exist in the other seeds). */
const BOUND: Record<string, { openid: string; name: string; enterpriseId: string; standing: '正式' | '预备'; relationHeldAt?: string }[]> = {
  'branch-joint': [
    { openid: 'demo-secretary', name: '李红梅', enterpriseId: 'ent-b', standing: '正式' },
    { openid: 'seed-member-01', name: '刘芳', enterpriseId: 'ent-b', standing: '正式' },
    { openid: 'demo-pm-02', name: '吴晓燕', enterpriseId: 'ent-b', standing: '预备' },
    { openid: 'demo-member', name: '张卫东', enterpriseId: 'ent-c', standing: '正式' },
    { openid: 'demo-pm-01', name: '周立新', enterpriseId: 'ent-c', standing: '预备' },
    { openid: 'demo-pm-03', name: '郑海波', enterpriseId: 'ent-c', standing: '正式' },
    { openid: 'seed-member-02', name: '高建', enterpriseId: 'ent-f', standing: '预备', relationHeldAt: '南京市江宁区秣陵街道党工委' },
  ],
  'br-xinyuan': [{ openid: 'seed-secretary-xinyuan', name: '陈立新', enterpriseId: 'ent-n01', standing: '正式' }],
  'br-zhixing': [{ openid: 'seed-secretary-zhixing', name: '沈晓岚', enterpriseId: 'ent-n05', standing: '正式' }],
  'br-kangyuan': [{ openid: 'seed-secretary-kangyuan', name: '蔡文华', enterpriseId: 'ent-n10', standing: '正式' }],
  'br-joint-d': [{ openid: 'seed-secretary-joint-d', name: '罗建', enterpriseId: 'ent-n07', standing: '正式' }],
};

/** Unbound rows named on purpose: 黄志强 is demo-applicant (approval links him), 钱丽 is 预备 and 未转入. */
const NAMED: Record<string, { name: string; enterpriseId: string; standing: '正式' | '预备'; relationHeldAt?: string; phone?: string }[]> = {
  'branch-joint': [
    { name: '钱丽', enterpriseId: 'ent-b', standing: '预备', relationHeldAt: '合肥市蜀山区三里庵街道党工委', phone: '13951120417' },
    { name: '黄志强', enterpriseId: 'ent-f', standing: '正式', phone: '13862114520' },
  ],
};

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = ['建华', '秀英', '志明', '丽娟', '海燕', '国强', '晓东', '玉兰', '文杰', '春梅', '永刚', '雪芳', '振宇', '佳怡', '立军', '红霞', '子涵', '思远', '明辉', '静怡'];
const HELD_AT = ['徐州市鼓楼区丰财街道党工委', '盐城市亭湖区人才服务中心党委', '苏州大学研究生党总支', '南通市崇川区和平桥街道党工委', '无锡市梁溪区人才市场党委'];

export interface PlannedRow {
  id: string;
  branchId: string;
  openid: string | null;
  name: string;
  enterpriseId: string;
  standing: '正式' | '预备';
  relation: '已转入' | '未转入';
  relationHeldAt: string | null;
  phone: string | null;
}

const ledgerOf = (id: string) => {
  const r = LEDGER.find((x) => x[0] === id)!;
  return { full: r[10], probationary: r[11], registered: r[12] };
};

const branchEnterprises = (branchId: string) =>
  [...BRANCHES, ...ORG_BRANCHES].find((b) => b.id === branchId)!.enterpriseIds;

/**
 * The rows of every seeded branch, derived from the ledger: per enterprise, its bound and named
 * people first, then generated names until its 正式 and 预备 counts are met; the rows past its
 * 组织关系在园区 count are 未转入 (a named row's own 未转入 counts first).
 */
export function rosterPlan(): PlannedRow[] {
  const out: PlannedRow[] = [];
  let n = 0;
  // The five branches with a secretary first (their generated names stay as they were), then every
  // other seeded organisation: the coverage figures count 正式党员 on the roster (findings G-12), so a
  // seeded organisation whose ledger says it has members has them on its roster too.
  const rest = [...BRANCHES, ...ORG_BRANCHES].map((b) => b.id).filter((id) => !(id in BOUND));
  for (const branchId of [...Object.keys(BOUND), ...rest]) {
    for (const enterpriseId of branchEnterprises(branchId)) {
      const facts = ledgerOf(enterpriseId);
      const people = [
        ...(BOUND[branchId] ?? []).filter((b) => b.enterpriseId === enterpriseId),
        ...(NAMED[branchId] ?? []).filter((b) => b.enterpriseId === enterpriseId).map((b) => ({ ...b, openid: null as string | null })),
      ];
      const need = { 正式: facts.full, 预备: facts.probationary };
      for (const p of people) need[p.standing]--;
      if (need.正式 < 0 || need.预备 < 0) throw new Error(`seed-party: ${enterpriseId} has more named members than its ledger counts`);
      const rows: PlannedRow[] = people.map((p, i) => ({
        id: p.openid ? `pm-seed-${p.openid}` : `pm-seed-${enterpriseId}-${i}`, branchId, openid: p.openid, name: p.name, enterpriseId, standing: p.standing,
        relation: p.relationHeldAt ? '未转入' : '已转入', relationHeldAt: p.relationHeldAt ?? null, phone: 'phone' in p ? (p.phone ?? null) : null,
      }));
      for (const standing of ['正式', '预备'] as const) {
        for (let k = 0; k < need[standing]; k++, n++) {
          rows.push({
            id: `pm-seed-${enterpriseId}-${rows.length}`, branchId, openid: null, name: SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 3) % GIVEN.length], enterpriseId, standing,
            relation: '已转入', relationHeldAt: null, phone: n % 3 === 0 ? `1390621${String(1000 + n).slice(-4)}` : null,
          });
        }
      }
      // 组织关系在园区: the first `registered` rows not already 未转入; the rest (generated, from the end) are 未转入.
      let outside = rows.length - facts.registered - rows.filter((r) => r.relation === '未转入').length;
      for (let i = rows.length - 1; i >= 0 && outside > 0; i--) {
        if (rows[i].relation === '未转入' || rows[i].openid) continue;
        rows[i].relation = '未转入';
        rows[i].relationHeldAt = HELD_AT[i % HELD_AT.length];
        outside--;
      }
      if (outside !== 0) throw new Error(`seed-party: ${enterpriseId} cannot place its 未转入 members`);
      out.push(...rows);
    }
  }
  return out;
}

/** The 芯源 member who asks to move into the joint branch (pending, for demo-secretary to confirm). */
export const PENDING_TRANSFER = { id: 'pt-seed-pending', fromBranchId: 'br-xinyuan', toBranchId: 'branch-joint' };

export async function seedParty(now = new Date()): Promise<void> {
  const today = parkDay(now);
  const monthStart = (monthsAgo: number) => dayjs(today).startOf('month').subtract(monthsAgo, 'month').format('YYYY-MM-DD');
  const plan = rosterPlan();
  const mover = plan.filter((r) => r.branchId === PENDING_TRANSFER.fromBranchId && !r.openid && r.relation === '已转入').at(-1)!;

  // Every test gateway seeds, so seeding time is test time: the documents are gathered and written
  // one collection at a time in batches (one request each) rather than one request per document.
  const batch: Record<'partyMembers' | 'partyTransfers', object[]> = { partyMembers: [], partyTransfers: [] };
  for (const [i, r] of plan.entries()) {
    // 正式: joined 2–26 years ago, confirmed a year later; 预备: joined 2–10 months ago.
    const joinedOn = r.standing === '正式'
      ? dayjs(today).subtract(2 + ((i * 5) % 25), 'year').subtract((i * 37) % 300, 'day').format('YYYY-MM-DD')
      : dayjs(today).subtract(60 + ((i * 41) % 240), 'day').format('YYYY-MM-DD');
    const confirmedOn = r.standing === '正式' ? dayjs(joinedOn).add(1, 'year').format('YYYY-MM-DD') : null;
    // In the branch since months before the seed (never before joining the Party).
    let from = monthStart(4 + (i % 9));
    if (from < joinedOn) from = dayjs(joinedOn).add(1, 'month').startOf('month').format('YYYY-MM-DD');
    const stretches: PartyStretch[] = [];
    const transfers: (PartyTransferDoc & { _id: string })[] = [];
    if (r.openid === 'demo-pm-03') {
      // Came from 智行 in the middle of the month three months ago: 智行 counts them that month.
      const moved = dayjs(monthStart(3)).add(14, 'day').format('YYYY-MM-DD');
      const earlier = monthStart(10) < joinedOn ? dayjs(joinedOn).add(1, 'month').startOf('month').format('YYYY-MM-DD') : monthStart(10);
      transfers.push({ _id: `pt-seed-${r.id}`, memberId: r.id, kind: 'between', fromBranchId: 'br-zhixing', toBranchId: r.branchId, outsideOrg: null, letterNo: null, letterDate: null,
        effectiveOn: moved, state: 'confirmed', requestedBy: 'seed-secretary-zhixing', requestedAt: at, decidedBy: 'demo-secretary', decidedAt: at, note: '随工作单位调整转入联合支部' });
      stretches.push({ branchId: 'br-zhixing', from: earlier, to: moved, transferId: null });
      from = moved;
    }
    if (r.openid === 'seed-member-01') {
      transfers.push({ _id: `pt-seed-${r.id}`, memberId: r.id, kind: 'in', fromBranchId: null, toBranchId: r.branchId, outsideOrg: '南京大学化学化工学院党委', letterNo: '宁大组转〔2026〕017号', letterDate: dayjs(from).subtract(6, 'day').format('YYYY-MM-DD'),
        effectiveOn: from, state: 'confirmed', requestedBy: 'demo-secretary', requestedAt: at, decidedBy: 'demo-secretary', decidedAt: at, note: null });
    }
    stretches.push({ branchId: r.branchId, from, to: null, transferId: transfers[0]?._id ?? null });
    const pending = r.id === mover.id;
    if (pending) {
      transfers.push({ _id: PENDING_TRANSFER.id, memberId: r.id, kind: 'between', fromBranchId: r.branchId, toBranchId: PENDING_TRANSFER.toBranchId, outsideOrg: null, letterNo: null, letterDate: null,
        effectiveOn: dayjs(today).add(7, 'day').format('YYYY-MM-DD'), state: 'pending', requestedBy: 'seed-secretary-xinyuan', requestedAt: now, decidedBy: null, decidedAt: null, note: '本人到联合支部所属企业工作' });
    }
    const row: PartyMemberDoc = {
      name: r.name, branchId: r.branchId, standing: r.standing, joinedOn, confirmedOn, enterpriseId: r.enterpriseId, relation: r.relation, relationHeldAt: r.relationHeldAt,
      phone: r.phone, openid: r.openid, bindKey: r.openid ?? `row:${r.id}`, state: 'active', stretches, pendingTransferId: pending ? PENDING_TRANSFER.id : null,
      createdAt: at, updatedAt: at,
    };
    batch.partyMembers.push({ _id: r.id, ...row });
    batch.partyTransfers.push(...transfers);
  }
  for (const [name, docs] of Object.entries(batch) as [keyof typeof batch, object[]][]) {
    for (let k = 0; k < docs.length; k += 100) await putMany(name, docs.slice(k, k + 100));
  }
}

/** A batch insert; on a duplicate (a re-run over a partly seeded database) each document on its own, as `put` does. */
async function putMany(name: 'partyMembers' | 'partyTransfers', docs: object[]): Promise<void> {
  try {
    await (col(name) as any).add(docs);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    for (const { _id, ...d } of docs as { _id: string }[]) await put(name, _id, d as never);
  }
}
