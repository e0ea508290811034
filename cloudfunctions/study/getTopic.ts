import * as z from 'zod';
import { action } from '../../server/core/router';
import { monthLabel } from './calendar';
import { finishedOfTopic } from './groupCompletion';
import { getTopic as readTopic, idParam, monthParam, requireViewer, topicView } from './shared';

/** One month's topic of a group (the topic editor opens next month's; members may look back). */
export const getTopic = action({
  roles: ['member', 'secretary', 'admin'],
  params: z.strictObject({ groupId: idParam, month: monthParam }),
  async handler({ groupId, month }, { caller }) {
    const { group, manager } = await requireViewer(caller, groupId);
    const topic = await readTopic(groupId, month);
    // For the editor: who has finished already, so adding a material is not a silent un-finishing (G-11).
    const finished = manager && topic ? await finishedOfTopic(groupId, month, topic) : 0;
    return { group: { id: group._id, name: group.name }, manager, month, monthLabel: monthLabel(month), topic: topic ? topicView(topic) : null, finished };
  },
});
