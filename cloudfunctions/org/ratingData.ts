/** Star ratings: loading the rubric, the branches' scopes, and a quarter's sheets (evidence + assessor scores). */
import { cmd, col, type WithId } from '../../server/core/db';
import type { BranchDoc, RatingDoc, RubricDoc } from './docs';
import { AVAILABLE_SOURCES, collectEvidence, type BranchScope } from './evidence';
import { DEFAULT_RUBRIC, quarterRange, scoreSheet, type Evidence, type ManualScore, type Sheet, type SheetOverrides } from './scoring';

export async function loadRubric(): Promise<RubricDoc> {
  const [r] = (await col('rubrics').doc('current').get()).data;
  return r ?? { ...DEFAULT_RUBRIC, version: 0, updatedBy: 'system', updatedAt: new Date(0) };
}

export type ScopedBranch = BranchScope & { name: string; form: BranchDoc['form']; secretaryOpenid: string | null };

/** Branches (all, or the given ones) with their ledger members, in one aggregation. */
export async function branchScopes(ids?: string[]): Promise<ScopedBranch[]> {
  const _ = cmd();
  const { data } = (await col('branches')
    .aggregate()
    .match(ids ? { _id: _.in(ids) } : {})
    .lookup({ from: 'enterprises', localField: 'enterpriseIds', foreignField: '_id', as: 'ents' })
    .project({ name: 1, form: 1, secretaryOpenid: 1, full: { $sum: '$ents.partyMembers.full' }, prob: { $sum: '$ents.partyMembers.probationary' } })
    .sort({ name: 1 })
    .limit(1000)
    .end()) as { data: (WithId<Pick<BranchDoc, 'name' | 'form' | 'secretaryOpenid'>> & { full: number; prob: number })[] };
  return data.map((b) => ({ id: b._id, name: b.name, form: b.form, secretaryOpenid: b.secretaryOpenid, ledgerMembers: (b.full ?? 0) + (b.prob ?? 0) }));
}

export const ratingId = (quarter: string, branchId: string) => `${quarter}_${branchId}`;

export interface BranchSheet extends Sheet {
  branch: ScopedBranch;
  status: 'draft' | 'final';
  stored: WithId<RatingDoc> | null;
  rubricVersion: number;
  /** The evidence a draft was scored from, by source (empty for a final sheet): finalizeRating re-scores it with the manual scores it reads in its transaction. */
  evidence: Map<string, Evidence>;
}

/** Assessor scores kept on a draft, by item key. */
export function manualScores(doc: RatingDoc | null): Record<string, ManualScore> {
  const out: Record<string, ManualScore> = {};
  for (const i of doc?.items ?? []) {
    if (!i.auto && i.points !== null && i.scoredBy && i.scoredAt) out[i.key] = { points: i.points, note: i.note, scoredBy: i.scoredBy, scoredAt: i.scoredAt };
  }
  return out;
}

/** The veto and the accepted appeals' corrections a draft's rating document carries. */
export function overridesOf(doc: RatingDoc | null): SheetOverrides {
  return { veto: doc?.veto ?? null, adjustments: doc?.adjustments ?? {} };
}

/** Openids a sheet's view names (scorers, veto, appeals): for one namesOf read. */
export function sheetPeople(s: BranchSheet, opts: { trace?: boolean } = {}): (string | null)[] {
  const traced = opts.trace ? s.items.flatMap((i) => (i.refs ?? []).filter((r) => r.col === 'users').map((r) => r.id)) : [];
  return [...traced, ...s.items.map((i) => i.scoredBy), s.veto?.by ?? null, ...(s.stored?.appeals ?? []).flatMap((a) => [a.filedBy, a.answeredBy])];
}

/**
 * The sheets of a quarter for the given branches: a finalised rating is what was stored; a draft
 * is scored now, from the current rubric, fresh evidence and the assessor's stored scores. Reads:
 * the stored ratings (one), plus the providers' aggregations for every branch together.
 */
export async function quarterSheets(quarter: string, branches: ScopedBranch[], rubric: RubricDoc): Promise<BranchSheet[]> {
  if (branches.length === 0) return [];
  const range = quarterRange(quarter);
  const [stored, evidence] = await Promise.all([
    col('ratings').where({ _id: cmd().in(branches.map((b) => ratingId(quarter, b.id))) }).limit(1000).get(),
    collectEvidence(rubric.items.map((i) => i.source), { branches, from: range.from, to: range.to, fromDay: range.fromDay, toDay: range.toDay }),
  ]);
  const byBranch = new Map(stored.data.map((r) => [r.branchId, r]));
  return branches.map((b) => {
    const doc = byBranch.get(b.id) ?? null;
    if (doc?.status === 'final') {
      return { branch: b, status: 'final', stored: doc, rubricVersion: doc.rubricVersion, items: doc.items, total: doc.total, stars: doc.stars, allowance: doc.allowance, complete: true, veto: doc.veto ?? null, evidence: new Map() };
    }
    const ev = evidence.get(b.id) ?? new Map<string, Evidence>();
    const sheet = scoreSheet(rubric, ev, manualScores(doc), AVAILABLE_SOURCES, overridesOf(doc));
    return { branch: b, status: 'draft', stored: doc, rubricVersion: rubric.version, evidence: ev, ...sheet };
  });
}

/**
 * A sheet as pages show it. `trace` adds each item's records (the branch page); the quarter's
 * table of all branches leaves them out to stay light.
 */
export function sheetView(s: BranchSheet, names: Map<string, string>, opts: { trace?: boolean } = {}) {
  const appeals = s.stored?.appeals ?? [];
  return {
    branchId: s.branch.id,
    branchName: s.branch.name,
    form: s.branch.form,
    ledgerMembers: s.branch.ledgerMembers,
    status: s.status,
    rubricVersion: s.rubricVersion,
    total: s.total,
    stars: s.stars,
    allowance: s.allowance,
    complete: s.complete,
    items: s.items.map((i) => ({
      key: i.key, label: i.label, max: i.max, source: i.source, auto: i.auto, value: i.value, unit: i.unit, detail: i.detail,
      points: i.points, note: i.note, scoredByName: i.scoredBy ? (names.get(i.scoredBy) ?? '') : '', scoredAt: i.scoredAt ? new Date(i.scoredAt).toISOString() : null,
      adjusted: i.adjusted ?? null,
      refsTotal: i.refsTotal ?? i.refs?.length ?? null,
      refs: opts.trace ? (i.refs ?? []).map((r) => ({ col: r.col, id: r.id, label: r.col === 'users' ? `${names.get(r.id) || '党员'}：${r.label}` : r.label, rows: r.rows?.length ?? 0, rowsTotal: r.rowsTotal ?? r.rows?.length ?? 0 })) : [],
    })),
    veto: s.veto ? { ruleKey: s.veto.ruleKey, ruleLabel: s.veto.ruleLabel, reason: s.veto.reason, byName: s.veto.byName || names.get(s.veto.by) || '', at: new Date(s.veto.at).toISOString() } : null,
    openAppeals: appeals.filter((a) => a.state === 'open').length,
    finalizedAt: s.stored?.finalizedAt ? new Date(s.stored.finalizedAt).toISOString() : null,
  };
}

/** The appeals of a sheet, newest first, as the branch page shows them (secretary and admins only). */
export function appealsView(s: BranchSheet, names: Map<string, string>) {
  const label = (key: string | null) => (key === '*' ? '整体评分' : (s.items.find((i) => i.key === key)?.label ?? key ?? ''));
  return [...(s.stored?.appeals ?? [])].reverse().map((a) => ({
    id: a.id, itemKey: a.itemKey, itemLabel: label(a.itemKey), reason: a.reason, state: a.state,
    filedByName: a.filedByName || names.get(a.filedBy) || '', filedAt: new Date(a.filedAt).toISOString(),
    answer: a.answer, answeredByName: a.answeredBy ? a.answeredByName || names.get(a.answeredBy) || '' : '', answeredAt: a.answeredAt ? new Date(a.answeredAt).toISOString() : null,
    adjustedItem: a.adjustedItem ? label(a.adjustedItem) : null, adjustedPoints: a.adjustedPoints,
  }));
}
