import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import type { BranchDoc, EnterpriseDoc } from './docs';
import { checkForm, ORG_FORMS } from './rules';
import { ledBranchIds, namesOf, withOrgFacts } from './shared';

type Ent = Pick<EnterpriseDoc, 'name' | 'industry' | 'building' | 'partyMembers' | 'instructor'> & { _id: string };

/**
 * Party organisations with their form, secretary, members (from the ledger, and bound in RedPark)
 * and the enterprises they cover, each enterprise checked against the form rule. Admins also get
 * the enterprises that need an organisation and have none. A secretary sees the branches they lead.
 * Reads: branches with their enterprises (one aggregation), secretaries' names and bound members,
 * and for admins the unorganised enterprises — three round trips at most.
 */
export const listOrgBranches = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const _ = cmd();
    const led = await ledBranchIds(caller);
    const { data } = (await col('branches')
      .aggregate()
      .match(led ? { _id: _.in(led) } : {})
      .lookup({ from: 'enterprises', localField: 'enterpriseIds', foreignField: '_id', as: 'ents' })
      .project({ name: 1, form: 1, secretaryOpenid: 1, attachedTo: 1, enterpriseIds: 1, 'ents._id': 1, 'ents.name': 1, 'ents.industry': 1, 'ents.building': 1, 'ents.partyMembers': 1, 'ents.instructor': 1 })
      .limit(1000)
      .end()) as { data: (BranchDoc & { _id: string; ents: Ent[] })[] };
    const ids = data.map((b) => b._id);
    const [names, bound, unorganised] = await Promise.all([
      namesOf(data.map((b) => b.secretaryOpenid)),
      ids.length
        ? col('users').aggregate().match({ branchId: _.in(ids), memberStatus: 'approved' }).group({ _id: '$branchId', n: _.aggregate.sum(1) }).limit(1000).end()
        : { data: [] },
      caller.is('admin')
        ? withOrgFacts(col('enterprises').aggregate())
            .match({ hasOrg: false, full: _.gte(1) })
            .sort({ full: -1, name: 1 })
            .project({ name: 1, industry: 1, building: 1, full: 1, probationary: 1 })
            .limit(200)
            .end()
        : { data: [] },
    ]);
    const boundBy = new Map((bound.data as { _id: string; n: number }[]).map((r) => [r._id, r.n]));
    const order = (f: string) => ORG_FORMS.indexOf(f as never);
    const branches = data
      .map((b) => {
        const enterprises = b.ents.map((e) => {
          const full = e.partyMembers?.full ?? 0;
          const probationary = e.partyMembers?.probationary ?? 0;
          const check = checkForm({ full, form: b.form, hasInstructor: !!e.instructor });
          return { id: e._id, name: e.name, industry: e.industry, building: e.building ?? '', full, probationary, ok: check.ok, suggested: check.suggested, reason: check.reason };
        });
        return {
          id: b._id,
          name: b.name,
          form: b.form,
          attachedTo: b.attachedTo ?? '',
          secretaryOpenid: b.secretaryOpenid,
          secretaryName: b.secretaryOpenid ? (names.get(b.secretaryOpenid) ?? '') : '',
          ledgerMembers: enterprises.reduce((s, e) => s + e.full + e.probationary, 0),
          fullMembers: enterprises.reduce((s, e) => s + e.full, 0),
          boundMembers: boundBy.get(b._id) ?? 0,
          enterprises,
          mismatches: enterprises.filter((e) => !e.ok).length,
        };
      })
      .sort((a, b) => order(a.form) - order(b.form) || a.name.localeCompare(b.name, 'zh'));
    return {
      branches,
      unorganised: (unorganised.data as { _id: string; name: string; industry: string; building?: string; full: number; probationary: number }[]).map((e) => ({
        id: e._id, name: e.name, industry: e.industry, building: e.building ?? '', full: e.full, probationary: e.probationary,
        suggested: checkForm({ full: e.full, form: null, hasInstructor: false }).suggested,
      })),
    };
  },
});
