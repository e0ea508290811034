/**
 * Star ratings (星级评定), pure: quarters in park time, points from evidence, totals, stars and the
 * star-linked allowance (红星津贴). The database side (evidence.ts, the org actions) only gathers
 * numbers and stores what these functions return.
 */
import { dayjs, PARK_TZ } from '../../server/core/time';
import type { EvidenceRef, RatingAdjustment, RatingItem, RatingVeto, RubricDoc, RubricItem, StarBand, VetoRule } from './docs';

export const QUARTER_RE = /^(\d{4})Q([1-4])$/;

/** '2026Q4' for an instant, in park time. */
export function quarterOf(at: Date | number = Date.now()): string {
  const d = dayjs(at).tz(PARK_TZ);
  return `${d.year()}Q${Math.floor(d.month() / 3) + 1}`;
}

export interface QuarterRange {
  quarter: string;
  /** First instant of the quarter (park midnight) and first instant after it. */
  from: Date;
  to: Date;
  /** Park calendar days, inclusive. */
  fromDay: string;
  toDay: string;
}

export function quarterRange(quarter: string): QuarterRange {
  const m = QUARTER_RE.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  // Built from calendar strings, never by adding months to a zoned instant: dayjs would let the
  // server's own daylight-saving shifts leak into park midnights.
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return {
    quarter,
    from: dayjs.tz(`${first} 00:00`, PARK_TZ).toDate(),
    to: dayjs.tz(`${next} 00:00`, PARK_TZ).toDate(),
    fromDay: first,
    toDay: dayjs.utc(next).subtract(1, 'day').format('YYYY-MM-DD'),
  };
}

export function previousQuarter(quarter: string): string {
  const m = QUARTER_RE.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  return m[2] === '1' ? `${Number(m[1]) - 1}Q4` : `${m[1]}Q${Number(m[2]) - 1}`;
}

export function quarterLabel(quarter: string): string {
  const m = QUARTER_RE.exec(quarter);
  return m ? `${m[1]} 年第${'一二三四'[Number(m[2]) - 1]}季度` : quarter;
}

/** Points an evidence value earns: linear up to the target, one decimal, never above the item's points. */
export function evidencePoints(item: Pick<RubricItem, 'points' | 'target'>, value: number): number {
  if (!(item.target > 0)) return value > 0 ? item.points : 0;
  const share = Math.min(1, Math.max(0, value / item.target));
  return Math.round(item.points * share * 10) / 10;
}

/** Stars and allowance for a total: the highest band whose minimum it reaches (none → 0 stars). */
export function starsFor(total: number, bands: readonly StarBand[]): { stars: number; allowance: number } {
  const band = [...bands].sort((a, b) => b.minScore - a.minScore).find((b) => total >= b.minScore);
  return band ? { stars: band.stars, allowance: band.allowance } : { stars: 0, allowance: 0 };
}

export interface Evidence {
  value: number;
  unit: string;
  detail: string;
  /**
   * The amount that earns full points when the evidence itself knows it (the 三会一课 rule table's
   * requirements of the quarter): then it, not the rubric item's target, is what the value is held
   * against, so editing the rule table can never leave a stale target in the rubric.
   */
  target?: number;
  /** The records counted (at most EVIDENCE_REF_CAP), and how many there were. */
  refs?: EvidenceRef[];
  refsTotal?: number;
}

/**
 * How much of the trace a sheet keeps per item: 60 records, and 60 rows (sign-ins) under each. A
 * quarter of a branch that meets its rule table holds about 12 meetings and a lecture or two, so
 * this keeps every record of an ordinary sheet while bounding the rating document (8 items × 60 ×
 * 60 ids stays well under CloudBase's 16 MB document limit); past it the sheet says how many more.
 */
export const EVIDENCE_REF_CAP = 60;

/** The first EVIDENCE_REF_CAP refs (rows capped likewise), and the full count. */
export function capRefs(refs: EvidenceRef[]): { refs: EvidenceRef[]; refsTotal: number } {
  return {
    refs: refs.slice(0, EVIDENCE_REF_CAP).map((r) => (r.rows && r.rows.length > EVIDENCE_REF_CAP ? { ...r, rows: r.rows.slice(0, EVIDENCE_REF_CAP), rowsTotal: r.rowsTotal ?? r.rows.length } : r)),
    refsTotal: refs.length,
  };
}

/** The 一票否决 rules a park starts with (seed 001; 商南's 评星晋级 practice, finding F-13). */
export const DEFAULT_VETO_RULES: VetoRule[] = [
  { key: 'discipline', label: '发生严重违纪违法问题' },
  { key: 'credit', label: '企业严重失信' },
  { key: 'noOrgLife', label: '组织生活全年未开展' },
];

export const vetoRulesOf = (r: Pick<RubricDoc, 'vetoRules'>): VetoRule[] => r.vetoRules ?? DEFAULT_VETO_RULES;

export interface ManualScore {
  points: number;
  note: string;
  scoredBy: string;
  scoredAt: Date;
}

export interface Sheet {
  items: RatingItem[];
  total: number;
  stars: number;
  allowance: number;
  /** Every item has points (evidence present or assessor scored). */
  complete: boolean;
  /** 一票否决 in force: the total stands, but no star and no allowance. */
  veto: RatingVeto | null;
}

/** What the rating document adds to the evidence and the assessor's scores. */
export interface SheetOverrides {
  veto?: RatingVeto | null;
  adjustments?: Readonly<Record<string, RatingAdjustment | undefined>>;
}

/**
 * A branch's sheet: evidence-backed items are scored from `evidence` (keyed by source); items whose
 * source is 'manual' — or whose provider is not available yet — take the assessor's score.
 */
export function scoreSheet(
  rubric: Pick<RubricDoc, 'items' | 'bands'>,
  evidence: ReadonlyMap<string, Evidence | undefined>,
  manual: Readonly<Record<string, ManualScore | undefined>>,
  availableSources: ReadonlySet<string>,
  overrides: SheetOverrides = {},
): Sheet {
  const items: RatingItem[] = rubric.items.map((it) => {
    const auto = it.source !== 'manual' && availableSources.has(it.source);
    if (auto) {
      const ev = evidence.get(it.source);
      const points = evidencePoints({ points: it.points, target: ev?.target ?? it.target }, ev?.value ?? 0);
      // An accepted appeal replaces the evidence's points with the admin's corrected ones; the
      // evidence and its records stay, so the sheet shows both what was counted and why it changed.
      const adj = overrides.adjustments?.[it.key];
      return {
        key: it.key, label: it.label, max: it.points, source: it.source, auto,
        value: ev ? ev.value : 0, unit: ev?.unit ?? '', detail: ev?.detail ?? '暂无记录',
        points: adj ? Math.min(it.points, adj.points) : points, note: adj?.note ?? '', scoredBy: adj?.by ?? null, scoredAt: adj?.at ?? null,
        refs: ev?.refs ?? [], refsTotal: ev?.refsTotal ?? ev?.refs?.length ?? 0,
        adjusted: adj ? { from: points, note: adj.note, appealId: adj.appealId } : null,
      };
    }
    const scored = manual[it.key];
    // A correction from an accepted appeal counts unless the assessor scored the item again after it.
    const adj = overrides.adjustments?.[it.key];
    const m = adj && (!scored || new Date(adj.at).getTime() >= new Date(scored.scoredAt).getTime())
      ? { points: adj.points, note: adj.note, scoredBy: adj.by, scoredAt: adj.at }
      : scored;
    return {
      key: it.key, label: it.label, max: it.points, source: it.source, auto,
      value: null, unit: '', detail: it.guide,
      points: m ? Math.min(it.points, m.points) : null, note: m?.note ?? '', scoredBy: m?.scoredBy ?? null, scoredAt: m?.scoredAt ?? null,
    };
  });
  const total = Math.round(items.reduce((s, i) => s + (i.points ?? 0), 0) * 10) / 10;
  const veto = overrides.veto ?? null;
  // 一票否决: the score is still shown (it is what the records say), but no band applies.
  const stars = veto ? { stars: 0, allowance: 0 } : starsFor(total, rubric.bands);
  return { items, total, ...stars, complete: items.every((i) => i.points !== null), veto };
}

/** The rubric a park starts with (admins edit it): 100 points, most of them from recorded evidence. */
export const DEFAULT_RUBRIC: Pick<RubricDoc, 'items' | 'bands' | 'vetoRules'> = {
  items: [
    { key: 'sanhui', label: '“三会一课”落实', points: 25, source: 'orgLife.sanhuiyike', target: 8,
      guide: '按三会一课规则表逐类计分：支部党员大会、党课每季度 1 次，支委会、党小组会每月 1 次' },
    { key: 'themeDay', label: '主题党日', points: 15, source: 'orgLife.themeDay', target: 3, guide: '按规则表每月开展 1 次主题党日活动' },
    { key: 'attendance', label: '组织生活参会率', points: 10, source: 'orgLife.attendance', target: 90, guide: '组织生活平均参会率达到 90% 得满分' },
    { key: 'lecture', label: '大党课到课率', points: 10, source: 'checkin.lecture', target: 80, guide: '本支部党员扫码参加园区大党课，到课率 80% 得满分' },
    { key: 'study', label: '党员学习完成率', points: 15, source: 'study.completion', target: 100, guide: '“一月一专题”学习打卡与自学记录完成率' },
    { key: 'volunteer', label: '志愿服务时长', points: 10, source: 'volunteer.hours', target: 4, guide: '党员人均志愿服务时长达到 4 小时得满分' },
    { key: 'demands', label: '党员领办诉求', points: 5, source: 'demand.handled', target: 3, guide: '党员领办并办结企业、群众诉求 3 件得满分' },
    { key: 'feature', label: '特色亮点与群众评价', points: 10, source: 'manual', target: 0, guide: '评议人根据支部特色工作、群众评价打分，并注明依据' },
  ],
  bands: [
    { stars: 5, minScore: 90, allowance: 3000 },
    { stars: 4, minScore: 80, allowance: 2000 },
    { stars: 3, minScore: 70, allowance: 1200 },
    { stars: 2, minScore: 60, allowance: 600 },
    { stars: 1, minScore: 0, allowance: 0 },
  ],
  vetoRules: DEFAULT_VETO_RULES,
};
