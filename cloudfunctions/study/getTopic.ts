import * as z from 'zod';
import { action } from '../../server/core/router';
import { monthLabel } from './calendar';
import { getTopic as readTopic, idParam, monthParam, requireViewer, topicView } from './shared';

/** One month's topic of a group (the topic editor opens next month's; members may look back). */
export const getTopic = action({
  roles: ['member', 'secretary', 'admin'],
  params: z.strictObject({ groupId: idParam, month: monthParam }),
  async handler({ groupId, month }, { caller }) {
    const { group, manager } = await requireViewer(caller, groupId);
    const topic = await readTopic(groupId, month);
    return { group: { id: group._id, name: group.name }, manager, month, monthLabel: monthLabel(month), topic: topic ? topicView(topic) : null };
  },
});
