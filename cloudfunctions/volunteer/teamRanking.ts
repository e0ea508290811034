import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { minutesLabel } from './hours';

interface TeamRow { _id: string; minutes: number; people: number }
interface PersonRow { _id: string; minutes: number; activities: number; user?: { profile?: { name?: string } }[] }

/**
 * Teams ranked by credited hours and, for one team (the first when none is given), its
 * volunteers ranked by hours — all grouped and sorted by the database. Names come from the
 * users collection by lookup; only a name is shown, never an openid — and to everyone but the
 * person and admins only the family name (陈*), since the ranking is open to any visitor.
 */
// Deliberately stricter than the certificate's maskName (陈*明, cloudfunctions/volunteer/certificate.ts):
// the ranking is open to anyone, the certificate check to whoever holds the paper.
export function surnameOnly(name: string | undefined): string {
  const chars = Array.from(name?.trim() ?? '');
  return chars.length ? chars[0] + '*'.repeat(Math.max(1, chars.length - 1)) : '志愿者';
}

export const teamRanking = action({
  roles: 'anyone',
  params: z.strictObject({ teamId: z.string().trim().min(1).max(64).optional() }),
  async handler({ teamId }, { caller }) {
    const _ = cmd();
    const $ = _.aggregate;
    const [teams, byTeam] = await Promise.all([
      col('volunteerTeams').orderBy('order', 'asc').limit(100).get(),
      col('volunteerRegistrations')
        .aggregate()
        .match({ minutes: _.gt(0) })
        .group({ _id: { t: '$teamId', o: '$openid' }, minutes: $.sum('$minutes') })
        .group({ _id: '$_id.t', minutes: $.sum('$minutes'), people: $.sum(1) })
        // one row per team (the list above reads ≤ 100); without a final limit CloudBase answers 20 rows
        .limit(1000)
        .end() as Promise<{ data: TeamRow[] }>,
    ]);
    const totals = new Map(byTeam.data.map((r) => [String(r._id), r]));
    const ranking = teams.data
      .map((t) => {
        const r = totals.get(t._id);
        return { id: t._id, name: t.name, minutes: r?.minutes ?? 0, label: minutesLabel(r?.minutes ?? 0), people: r?.people ?? 0 };
      })
      .sort((a, b) => b.minutes - a.minutes);
    const team = teamId ?? ranking[0]?.id;
    const people = team
      ? ((await col('volunteerRegistrations')
          .aggregate()
          .match({ teamId: team, minutes: _.gt(0) })
          .group({ _id: '$openid', minutes: $.sum('$minutes'), activities: $.sum(1) })
          .sort({ minutes: -1 })
          .limit(50)
          .lookup({ from: 'users', localField: '_id', foreignField: '_id', as: 'user' })
          .limit(50) // a $limit before $lookup may not lift CloudBase's 20-row default (findings P-03)
          .end()) as { data: PersonRow[] }).data
      : [];
    const admin = caller.is('admin');
    return {
      teams: ranking,
      teamId: team ?? null,
      volunteers: people.map((p, i) => ({
        rank: i + 1,
        name: admin || p._id === caller.openid ? p.user?.[0]?.profile?.name?.trim() || '志愿者' : surnameOnly(p.user?.[0]?.profile?.name),
        isMe: p._id === caller.openid,
        minutes: p.minutes,
        label: minutesLabel(p.minutes),
        activities: p.activities,
      })),
    };
  },
});
