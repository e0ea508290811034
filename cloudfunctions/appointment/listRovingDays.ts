import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { idParam, loadExperts, slotView } from './shared';

/** Roving service days from today on, each with its sessions (slots) and who serves them. */
export const listRovingDays = action({
  roles: 'anyone',
  params: z.strictObject({ teamId: idParam.optional() }),
  async handler({ teamId }, { caller }) {
    const where: Record<string, unknown> = { date: cmd().gte(parkDay()) };
    if (teamId) where.teamId = teamId;
    const { data: days } = await col('rovingDays').where(where).orderBy('date', 'asc').limit(30).get();
    if (days.length === 0) return [];
    const [{ data: slots }, teams] = await Promise.all([
      col('slots').where({ rovingDayId: cmd().in(days.map((d) => d._id)) }).orderBy('startAt', 'asc').limit(1000).get(),
      col('teams').limit(100).get(),
    ]);
    const experts = await loadExperts(slots.map((s) => s.expertId));
    const teamName = new Map(teams.data.map((t) => [t._id, t.name]));
    return days.map((d) => ({
      id: d._id,
      teamId: d.teamId,
      teamName: teamName.get(d.teamId) ?? '',
      date: d.date,
      title: d.title,
      place: d.place,
      note: d.note,
      experts: d.expertIds.map((id) => ({ id, name: experts.get(id)?.name ?? '' })),
      slots: slots.filter((s) => s.rovingDayId === d._id).map((s) => slotView(s, caller, experts.get(s.expertId))),
    }));
  },
});
