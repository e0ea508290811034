import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { monthLabel, monthRange, parkMonth } from './calendar';
import { getTopic, groupSummary, idParam, monthKey, requireViewer, standing, topicView } from './shared';
import { chatQrKey } from './setChatQr';
import { requireStillBelongs } from './membership';

/**
 * A group's page: this month's topic with the caller's reading marks, whether this month's
 * 自学记录 is written and until when it can be, the WeChat group QR's expiry (the image itself
 * is fetched separately, it is the one heavy thing), and the invite code for managers only. A
 * person who no longer belongs (member role revoked, moved out of a branch group's branch) is told
 * why (findings G-07).
 */
export const getGroup = action({
  // 'anyone': a former member (role revoked) is told why, not given the router's bare refusal.
  roles: 'anyone',
  params: z.strictObject({ id: idParam }),
  async handler({ id }, { caller }) {
    const { group, member, manager } = await requireViewer(caller, id);
    if (!manager) await requireStillBelongs(caller, group);
    const month = parkMonth();
    const [topic, progress, members, qr] = await Promise.all([
      getTopic(id, month),
      col('studyProgress').doc(monthKey(id, month, caller.openid)).get(),
      col('studyMembers').where({ groupId: id }).count(),
      col('studyFiles').where({ _id: chatQrKey(id) }).field({ expiresAt: true }).get(),
    ]);
    const p = progress.data[0] ?? null;
    const qrExpiresAt = qr.data[0] ? new Date(qr.data[0].expiresAt) : null;
    return {
      group: groupSummary(group),
      member,
      manager,
      inviteCode: manager ? group.inviteCode : null,
      month,
      monthLabel: monthLabel(month),
      /** The record of this month can be written and edited until this instant (month end, park time). */
      recordDeadline: monthRange(month).end,
      topic: topic ? topicView(topic) : null,
      readIds: p?.readIds ?? [],
      record: p?.recordAt ? { chars: p.recordChars, at: p.recordAt } : null,
      standing: member ? standing(topic, p) : null,
      memberCount: members.total,
      chatQr: qrExpiresAt && qrExpiresAt.getTime() > Date.now() ? { expiresAt: qrExpiresAt } : null,
    };
  },
});
