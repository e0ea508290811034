import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { getActivity, idParam, noShowsDue } from './shared';
import { markNoShowsOf } from './rosterData';

/** Marks the no-shows of an ended activity now (the roster also does it when first opened afterwards). */
export const markNoShows = action({
  roles: ['admin'],
  params: z.strictObject({ activityId: idParam }),
  async handler({ activityId }, ctx) {
    const a = await getActivity(activityId);
    if (!noShowsDue(a)) throw new AppError('CLOSED', '活动结束 30 分钟后才能标记缺席（已取消的活动不标记）。');
    return { marked: await markNoShowsOf(a, ctx) };
  },
});
