/**
 * The roster's part in 我的数据 and 删除我的数据 (called by the user domain through public.ts).
 *
 * A roster row is a KEPT record: the branch keeps its 花名册 and the months its member counted in
 * (stretches, transfers, 党费 stay). On erasure the row is unbound (openid null, bindKey back to
 * `row:<id>`) and its name and phone are blanked — the same as other kept records, where the
 * openid becomes a pseudonym and names are blanked. The audit rows about the row (target
 * `partyMembers/<id>`) are scrubbed by the caller with the names returned here. The row keeps the
 * pseudonym (`erasedAs`) the person's kept study progress moved to, so a month they finished stays
 * finished in the branch's completion (study/roster.ts) — the pseudonym names no one.
 *
 * A 发展党员档案 (partyDevelopment) is kept the same way: the branch keeps the dated steps it
 * reports on (and the roster row the file led to), so the file is unbound (openid null: the person
 * no longer reaches it) and its name blanked, with the audit rows about it (`partyDevelopment/<id>`)
 * scrubbed first; the secretaries' notes on the steps lose the name where they carry it.
 */
import { cmd, col } from '../../server/core/db';
import { mapLimit } from '../../server/core/limit';
import { replaceToken } from '../../server/core/token';

/** The caller's own rows (one, normally), for 我的数据. */
export async function rosterRowsOf(openid: string) {
  const { data } = await col('partyMembers').where({ openid }).limit(10).get();
  const branchIds = [...new Set(data.map((m) => m.branchId).filter((b): b is string => !!b))];
  const branches = branchIds.length ? (await Promise.all(branchIds.map((b) => col('branches').doc(b).get()))).map((r) => r.data[0]).filter(Boolean) : [];
  const name = new Map(branches.map((b) => [b._id, b.name] as [string, string]));
  return data.map((m) => ({ id: m._id, branchName: m.branchId ? (name.get(m.branchId) ?? '') : '', standing: m.standing, relation: m.relation, state: m.state, updatedAt: m.updatedAt }));
}

/**
 * Unbinds and blanks the person's rows. `scrub` runs first with the rows' ids and the names /
 * phones they hold (the audit rows about them are rewritten there): a retry after a failure still
 * finds the rows by the openid and redoes both.
 */
export async function eraseRosterRows(openid: string, scrub: (ids: string[], blank: string[]) => Promise<unknown>, pseudonym: string | null = null): Promise<number> {
  const { data } = await col('partyMembers').where({ openid }).limit(10).get();
  if (!data.length) return 0;
  await scrub(data.map((m) => m._id), data.flatMap((m) => [m.name, m.phone]).filter((s): s is string => !!s));
  // The 警示谈话 notes of the person's 民主评议 years stay with the branch without their name —
  // before the rows are blanked, so a retry still knows the names (the rows are found by openid).
  await scrubTalkNotes(data.map((m) => m._id), data.map((m) => m.name).filter((s): s is string => !!s));
  const at = new Date();
  await mapLimit(data, 5, (m) => col('partyMembers').doc(m._id).update({ openid: null, bindKey: `row:${m._id}`, name: '', phone: null, erasedAs: pseudonym, updatedAt: at }));
  return data.length;
}

/** The caller's own 发展党员档案 (normally at most one), for 我的数据. */
export async function developmentFilesOf(openid: string) {
  const { data } = await col('partyDevelopment').where({ openid }).field({ branchId: true, stage: true, stageOn: true, state: true, updatedAt: true }).limit(10).get();
  const branchIds = [...new Set(data.map((d) => d.branchId))];
  const branches = branchIds.length ? (await Promise.all(branchIds.map((b) => col('branches').doc(b).get()))).map((r) => r.data[0]).filter(Boolean) : [];
  const name = new Map(branches.map((b) => [b._id, b.name] as [string, string]));
  return data.map((d) => ({ id: d._id, branchName: name.get(d.branchId) ?? '', stage: d.stage, stageOn: d.stageOn, state: d.state, updatedAt: d.updatedAt }));
}

/**
 * Unbinds and blanks the person's 发展党员档案, as eraseRosterRows does for roster rows: `scrub`
 * first (the audit rows about the files), then the files; a retry finds them by the openid again.
 */
export async function eraseDevelopmentFiles(openid: string, scrub: (ids: string[], blank: string[]) => Promise<unknown>): Promise<number> {
  const { data } = await col('partyDevelopment').where({ openid }).limit(10).get();
  if (!data.length) return 0;
  const names = [...new Set(data.map((d) => d.name).filter((s): s is string => !!s))];
  await scrub(data.map((d) => d._id), names);
  const at = new Date();
  const clean = (note: string | null) => (note ? names.reduce((n, name) => n.split(name).join('').trim(), replaceToken(note, openid, '')) || null : note);
  await mapLimit(data, 5, (d) =>
    col('partyDevelopment').doc(d._id).update({ openid: null, name: '', steps: d.steps.map((s) => ({ ...s, note: clean(s.note) })), updatedAt: at }),
  );
  return data.length;
}

/** Removes `names` from the 警示谈话 notes of the members' reviews (a year a row has at most one). */
async function scrubTalkNotes(memberIds: string[], names: string[]): Promise<void> {
  if (!memberIds.length || !names.length) return;
  const _ = cmd();
  const { data } = await col('partyReviews').where({ memberId: _.in(memberIds), talk: _.neq(null) }).limit(1000).get();
  const clean = (note: string) => names.reduce((n, name) => n.split(name).join(''), note).trim();
  await mapLimit(
    data.filter((r) => r.talk && clean(r.talk.note) !== r.talk.note),
    5,
    (r) => col('partyReviews').doc(r._id).update({ talk: _.set({ ...r.talk!, note: clean(r.talk!.note) }) }),
  );
}

/**
 * The caller's 民主评议 results and 先锋岗/示范岗 for 我的数据: ONE aggregation from their roster
 * row(s). Both stay with the branch on erasure (the row they hang on is unbound and blanked), so
 * the person sees them while bound and nobody can reach them by name after.
 */
export async function reviewsAndPostsOf(openid: string) {
  const { data } = (await col('partyMembers')
    .aggregate()
    .match({ openid })
    .lookup({ from: 'partyReviews', localField: '_id', foreignField: 'memberId', as: 'reviews' })
    .lookup({ from: 'partyPosts', localField: '_id', foreignField: 'memberId', as: 'posts' })
    .project({ _id: 1, reviews: 1, posts: 1 })
    .limit(10)
    .end()) as { data: { reviews: { year: number; result: string | null; closedAt: Date | null; updatedAt: Date }[]; posts: { year: number; kind: string; title: string; updatedAt: Date }[] }[] };
  const byYear = <T extends { year: number }>(xs: T[]) => xs.sort((a, b) => b.year - a.year);
  return { reviews: byYear(data.flatMap((m) => m.reviews ?? [])), posts: byYear(data.flatMap((m) => m.posts ?? [])) };
}
