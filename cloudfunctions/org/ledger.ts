/**
 * The org domain's ledgers for the admin console's export registry (cloudfunctions/admin/ledgerRegistry.ts):
 * - 企业台账（五清）: one row per enterprise, the same facts the 五清 ledger page shows — read through
 *   `ledgerFacts` (defaults for entries not filled in yet) and the organisation facts computed by
 *   `withOrgFacts` (organisation, form, instructor, the form rule's check), in the page's order.
 * - 党组织台账: one row per Party organisation (form, enterprises covered, members, secretary, the
 *   latest finalised star rating), with the coverage figures (cloudfunctions/org/coverageFigures.ts, the coverage
 *   page's own computation) on a second sheet.
 * Every read is a paged aggregation: the export's call count stays bounded whatever the size.
 */
import { col } from '../../server/core/db';
import type { EnterpriseDoc } from './docs';
import type { Ledger } from '../../server/core/ledger';
import type { Row } from '../../server/core/ledger';
import { ledgerFacts } from './ledgerFields';
import { checkForm, revenueBand, type OrgForm } from './rules';
import { withOrgFacts } from './orgFacts';
import { coverageFigures, type CoverageView } from './coverageFigures';
import { quarterLabel } from './scoring';

type LedgerAgg = EnterpriseDoc & { _id: string; form: OrgForm | null; branchName: string | null; hasInstructor: boolean; mismatch: boolean };

const yesNo = (b: boolean) => (b ? '是' : '否');

export const enterpriseLedger: Ledger = {
  key: 'enterprises',
  title: '企业台账（五清）',
  periodic: false,
  columns: [
    { key: 'name', header: '企业名称', width: 28 },
    { key: 'creditCode', header: '统一社会信用代码', width: 22 },
    { key: 'industry', header: '所属行业' },
    { key: 'building', header: '所在楼宇', width: 10 },
    { key: 'foundedAt', header: '成立日期', type: 'day' },
    { key: 'headcount', header: '从业人员', type: 'number', width: 10 },
    { key: 'revenueBand', header: '营收规模', width: 14 },
    { key: 'qualifications', header: '资质荣誉', width: 28 },
    { key: 'activists', header: '入党积极分子', type: 'number', width: 12 },
    { key: 'applicants', header: '入党申请人', type: 'number', width: 10 },
    { key: 'full', header: '正式党员', type: 'number', width: 10 },
    { key: 'probationary', header: '预备党员', type: 'number', width: 10 },
    { key: 'registeredInPark', header: '组织关系在园区', type: 'number', width: 14 },
    { key: 'legalPerson', header: '法定代表人', width: 10 },
    { key: 'legalPersonMember', header: '法定代表人是否党员', width: 10 },
    { key: 'investor', header: '主要出资人', width: 14 },
    { key: 'investorMember', header: '出资人是否党员', width: 10 },
    { key: 'branchName', header: '所在党组织', width: 28 },
    { key: 'form', header: '组建形式', width: 10 },
    { key: 'instructor', header: '党建指导员', width: 10 },
    { key: 'formCheck', header: '组建形式核对', width: 40 },
    { key: 'noOrgReason', header: '未建立原因', width: 24 },
    { key: 'ledgerUpdatedAt', header: '台账更新时间', type: 'datetime' },
  ],
  async count() {
    return (await col('enterprises').count()).total;
  },
  async rows(_r, skip, limit) {
    const { data } = (await withOrgFacts(col('enterprises').aggregate()).sort({ industry: 1, name: 1 }).skip(skip).limit(limit).end()) as { data: LedgerAgg[] };
    return data.map((e): Row => {
      const f = ledgerFacts(e);
      const check = checkForm({ full: f.partyMembers.full, form: e.form, hasInstructor: e.hasInstructor });
      return {
        name: f.name,
        creditCode: e.creditCode ?? '',
        industry: f.industry,
        building: f.building,
        foundedAt: f.foundedAt,
        headcount: f.headcount,
        revenueBand: revenueBand(f.annualRevenueWan),
        qualifications: f.qualifications,
        activists: f.workforce.activists,
        applicants: f.workforce.applicants,
        full: f.partyMembers.full,
        probationary: f.partyMembers.probationary,
        registeredInPark: f.partyMembers.registeredInPark,
        legalPerson: f.legalPerson.name,
        legalPersonMember: f.legalPerson.name ? yesNo(f.legalPerson.isPartyMember) : '',
        investor: f.investor.name,
        investorMember: f.investor.name ? yesNo(f.investor.isPartyMember) : '',
        branchName: e.branchName ?? '未建立党组织',
        form: e.form ?? '',
        instructor: e.hasInstructor ? (e.instructor?.name ?? '') : '',
        formCheck: check.ok ? '符合' : check.reason,
        noOrgReason: f.noOrgReason.kind ? `${f.noOrgReason.kind}${f.noOrgReason.note ? `（${f.noOrgReason.note}）` : ''}` : '',
        ledgerUpdatedAt: e.ledgerUpdatedAt ?? e.updatedAt ?? e.createdAt,
      };
    });
  },
};

interface OrgAgg {
  _id: string;
  name: string;
  form: OrgForm;
  attachedTo?: string;
  createdAt: Date;
  enterpriseNames: string[];
  enterprises: number;
  headcount: number;
  full: number;
  probationary: number;
  secretaryName: string | null;
  latest: { quarter: string; stars: number; total: number; allowance: number } | null;
}

const coverageRow = (label: string, v: CoverageView): Row => ({
  label,
  ...v.counts,
  orgCoverage: v.rates.orgCoverage,
  workCoverage: v.rates.workCoverage,
  singleRate: v.rates.singleRate,
  jointRate: v.rates.jointRate,
  membersPerEnterprise: v.rates.membersPerEnterprise,
});

export const organisationLedger: Ledger = {
  key: 'organisations',
  title: '党组织台账及覆盖情况',
  periodic: false,
  columns: [
    { key: 'name', header: '党组织名称', width: 30 },
    { key: 'form', header: '组建形式', width: 10 },
    { key: 'attachedTo', header: '挂靠单位', width: 16 },
    { key: 'enterprises', header: '覆盖企业数', type: 'number', width: 10 },
    { key: 'enterpriseNames', header: '覆盖企业', width: 40 },
    { key: 'headcount', header: '从业人员', type: 'number', width: 10 },
    { key: 'full', header: '正式党员', type: 'number', width: 10 },
    { key: 'probationary', header: '预备党员', type: 'number', width: 10 },
    { key: 'secretaryName', header: '书记', width: 10 },
    { key: 'ratingQuarter', header: '最近星级评定', width: 16 },
    { key: 'stars', header: '星级', type: 'number', width: 8 },
    { key: 'score', header: '评定得分', type: 'number', width: 10 },
    { key: 'allowance', header: '红星津贴（元）', type: 'number', width: 12 },
    { key: 'createdAt', header: '建立时间', type: 'day' },
  ],
  async count() {
    return (await col('branches').count()).total;
  },
  async rows(_r, skip, limit) {
    const { data } = (await col('branches')
      .aggregate()
      .sort({ name: 1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .lookup({ from: 'enterprises', localField: 'enterpriseIds', foreignField: '_id', as: 'ents' })
      .lookup({ from: 'users', localField: 'secretaryOpenid', foreignField: '_id', as: 'sec' })
      .lookup({ from: 'ratings', localField: '_id', foreignField: 'branchId', as: 'ratings' })
      .project({
        name: 1,
        form: 1,
        attachedTo: 1,
        createdAt: 1,
        enterpriseNames: '$ents.name',
        enterprises: { $size: '$ents' },
        headcount: { $sum: '$ents.headcount' },
        full: { $sum: '$ents.partyMembers.full' },
        probationary: { $sum: '$ents.partyMembers.probationary' },
        secretaryName: { $arrayElemAt: ['$sec.profile.name', 0] },
        // The newest finalised quarter (quarters 'YYYYQn' order as text); drafts are not ratings yet.
        latest: {
          $reduce: {
            input: { $filter: { input: '$ratings', as: 'r', cond: { $eq: ['$$r.status', 'final'] } } },
            initialValue: null,
            in: { $cond: [{ $or: [{ $eq: ['$$value', null] }, { $gt: ['$$this.quarter', '$$value.quarter'] }] }, { quarter: '$$this.quarter', stars: '$$this.stars', total: '$$this.total', allowance: '$$this.allowance' }, '$$value'] },
          },
        },
      })
      .limit(limit) // a $limit before $lookup may not lift CloudBase's 20-row default (findings P-03)
      .end()) as { data: OrgAgg[] };
    return data.map((b): Row => ({
      name: b.name,
      form: b.form,
      attachedTo: b.attachedTo ?? '',
      enterprises: b.enterprises,
      enterpriseNames: b.enterpriseNames,
      headcount: b.headcount,
      full: b.full,
      probationary: b.probationary,
      secretaryName: b.secretaryName ?? '',
      ratingQuarter: b.latest ? quarterLabel(b.latest.quarter) : '尚未评定',
      stars: b.latest?.stars ?? null,
      score: b.latest?.total ?? null,
      allowance: b.latest?.allowance ?? null,
      createdAt: b.createdAt,
    }));
  },
  async summary() {
    const c = await coverageFigures();
    return {
      sheet: '覆盖情况',
      title: '党组织覆盖情况（按行业）',
      note: c.definitions.join(''),
      columns: [
        { key: 'label', header: '行业', width: 22 },
        { key: 'enterprises', header: '企业数', type: 'number', width: 8 },
        { key: 'withOrg', header: '计入组织覆盖', type: 'number', width: 10 },
        { key: 'orgCoverage', header: '组织覆盖率', type: 'percent', width: 10 },
        { key: 'withOrgOrInstructor', header: '已建组织或派指导员', type: 'number', width: 12 },
        { key: 'workCoverage', header: '工作覆盖率', type: 'percent', width: 10 },
        { key: 'single', header: '单独组建', type: 'number', width: 8 },
        { key: 'joint', header: '联合组建', type: 'number', width: 8 },
        { key: 'attached', header: '挂靠组建', type: 'number', width: 8 },
        { key: 'dispatched', header: '派驻', type: 'number', width: 8 },
        { key: 'singleRate', header: '单独组建率', type: 'percent', width: 10 },
        { key: 'jointRate', header: '联合组建率', type: 'percent', width: 10 },
        { key: 'members', header: '党员数', type: 'number', width: 8 },
        { key: 'membersPerEnterprise', header: '户均党员', type: 'number', width: 8 },
        { key: 'instructors', header: '派驻指导员企业', type: 'number', width: 12 },
        { key: 'mismatch', header: '组建形式不符', type: 'number', width: 12 },
        { key: 'belowThree', header: `未达${c.minFull}名正式党员`, type: 'number', width: 14 },
        { key: 'noReason', header: '未建立原因未填', type: 'number', width: 12 },
      ],
      rows: [coverageRow('全园区', c.park), ...c.byIndustry.map((r) => coverageRow(r.industry, r))],
    };
  },
};
