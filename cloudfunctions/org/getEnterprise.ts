import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { EnterpriseDoc } from './docs';
import { checkForm, nearbyCandidates, revenueBand, ruleFor, type CandidateBranch } from './rules';
import { ledgerFacts } from './ledgerFields';
import { restoreLastLogRow } from './ledgerWrite';
import { getEnterprise as load, idParam, MISSING_ENTERPRISE as MISSING } from './shared';

/** Who may see an entry: admins, its own contacts, and the instructor assigned to it. */
export function mayRead(caller: Caller, e: EnterpriseDoc & { _id: string }): boolean {
  return caller.is('admin') || caller.user.enterpriseId === e._id || (!!e.instructor && e.instructor.openid === caller.openid);
}

/**
 * One enterprise's 五清 ledger entry: the facts, its Party organisation, the rule check with the
 * suggested form and — when the rule is not met — nearby organisations to join or instructors to
 * assign, and the latest changes (who, when, what). Without `id`, the caller's own enterprise.
 * Reads: the entry, its organisation and its change log in parallel; then names and, only when the
 * rule is not met and the caller is an admin, the candidates.
 */
export const getEnterprise = action({
  roles: ['admin', 'enterprise', 'instructor'],
  params: z.strictObject({ id: idParam.optional() }),
  async handler({ id }, { caller }) {
    const enterpriseId = id ?? caller.user.enterpriseId;
    if (!enterpriseId) throw new AppError('NOT_FOUND', '您还没有绑定企业，请先用邀请码绑定。');
    const [e, branches, changes] = await Promise.all([
      load(enterpriseId),
      col('branches').where({ enterpriseIds: enterpriseId }).limit(1).get(),
      col('ledgerChanges').where({ enterpriseId }).orderBy('at', 'desc').limit(30).get(),
    ]);
    // Someone else's entry is answered exactly as a missing one (load's NOT_FOUND): a distinct
    // FORBIDDEN would tell any contact which enterprise ids exist.
    if (!mayRead(caller, e)) throw new AppError('NOT_FOUND', MISSING);
    // The latest change's log row, when the call that made it died before writing it (ledgerWrite.ts's saga).
    const restored = await restoreLastLogRow(e, changes.data);
    const logged = restored ? [restored, ...changes.data].slice(0, 30) : changes.data;
    const facts = ledgerFacts(e);
    const branch = branches.data[0] ?? null;
    const check = checkForm({ full: facts.partyMembers.full, form: branch?.form ?? null, hasInstructor: !!e.instructor });
    const rule = ruleFor(facts.partyMembers.full);
    const isAdmin = caller.is('admin');
    // Candidates only where joining is the advice (1–2 full members); ≥3 should stand alone.
    const wantsBranch = isAdmin && !check.ok && rule.suggested === '联合组建';
    const wantsInstructor = isAdmin && !check.ok && rule.instructorSuffices;

    const _ = cmd();
    const [secretary, candidateRows, instructorRows] = await Promise.all([
      branch?.secretaryOpenid ? col('users').doc(branch.secretaryOpenid).get() : null,
      wantsBranch
        ? col('branches')
            .aggregate()
            .match({ form: _.in(['联合组建', '单独组建']) })
            .lookup({ from: 'enterprises', localField: 'enterpriseIds', foreignField: '_id', as: 'ents' })
            .project({ name: 1, form: 1, buildings: '$ents.building', industries: '$ents.industry', enterpriseCount: { $size: '$enterpriseIds' } })
            .limit(500)
            .end()
        : null,
      wantsInstructor ? instructorLoad() : null,
    ]);
    const candidates = candidateRows
      ? nearbyCandidates({ building: facts.building, industry: facts.industry }, (candidateRows.data as (CandidateBranch & { _id: string })[]).map((b) => ({ ...b, id: b._id, buildings: b.buildings ?? [], industries: b.industries ?? [] })))
      : [];

    return {
      id: e._id,
      ...facts,
      revenueBand: revenueBand(facts.annualRevenueWan),
      contacts: e.contactOpenids?.length ?? 0,
      instructor: e.instructor ?? null,
      org: branch
        ? { branchId: branch._id, name: branch.name, form: branch.form, attachedTo: branch.attachedTo ?? '', secretaryName: secretary?.data[0]?.profile?.name ?? '', enterpriseCount: branch.enterpriseIds.length }
        : null,
      check,
      candidates,
      instructorCandidates: instructorRows ?? [],
      changes: logged.map((c) => ({ id: c._id, at: new Date(c.at).toISOString(), actorName: c.actorName, actorRole: c.actorRole, changes: c.changes })),
      updatedAt: e.ledgerUpdatedAt ? new Date(e.ledgerUpdatedAt).toISOString() : null,
      canEdit: isAdmin || caller.user.enterpriseId === e._id,
      canEditName: isAdmin,
    };
  },
});

/** Instructors with how many enterprises each already has, lightest first (two reads). */
export async function instructorLoad() {
  const [users, load] = await Promise.all([
    col('users').where({ roles: 'instructor' }).field({ profile: true }).limit(500).get(),
    col('enterprises').aggregate().match({ 'instructor.openid': cmd().exists(true) }).group({ _id: '$instructor.openid', n: cmd().aggregate.sum(1) }).limit(1000).end(),
  ]);
  const counts = new Map((load.data as { _id: string; n: number }[]).map((r) => [r._id, r.n]));
  return users.data
    .map((u) => ({ openid: u._id, name: u.profile?.name ?? '', phone: u.profile?.phone ?? '', enterprises: counts.get(u._id) ?? 0 }))
    .sort((a, b) => a.enterprises - b.enterprises || a.name.localeCompare(b.name, 'zh'));
}
