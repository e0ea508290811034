/** An activity with what an admin's edit or cancellation needs beside it, in one request (issue 19). */
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { ActivityDoc, RegistrationDoc, VolunteerTeamDoc } from './docs';
import { PAGE } from './shared';

export type Person = Pick<RegistrationDoc, 'openid' | 'ticket'> & { _id: string };

/**
 * The activity, and in the same request the team `teamId` (when given) and, with `people`, its
 * first PAGE active (confirmed or waitlisted) registrations in ticket order (id, openid and ticket
 * only; the rest through `activeRegistrations(id, <last ticket>)`). NOT_FOUND when the activity is
 * missing, with getActivity's words.
 */
export async function activityWith(id: string, opts: { teamId?: string; people?: boolean }) {
  const _ = cmd();
  const $ = _.aggregate;
  let q = col('volunteerActivities').aggregate().match({ _id: id });
  if (opts.teamId) q = q.lookup({ from: 'volunteerTeams', let: {}, pipeline: $.pipeline().match({ _id: opts.teamId }).limit(1).done(), as: 'team' });
  if (opts.people) {
    q = q.lookup({
      from: 'volunteerRegistrations',
      let: {},
      pipeline: $.pipeline().match({ activityId: id, status: _.in(['confirmed', 'waitlisted']) }).sort({ ticket: 1 }).project({ openid: 1, ticket: 1 }).limit(PAGE).done(),
      as: 'people',
    });
  }
  const { data } = (await q.limit(1).end()) as { data: (WithId<ActivityDoc> & { team?: WithId<VolunteerTeamDoc>[]; people?: Person[] })[] };
  if (!data[0]) throw new AppError('NOT_FOUND', '该志愿活动不存在或已被删除，请返回列表刷新。');
  const { team, people, ...activity } = data[0];
  return { activity: activity as WithId<ActivityDoc>, team: team?.[0] ?? null, people: people ?? [] };
}
