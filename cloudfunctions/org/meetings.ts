/**
 * Whether someone runs the sign-in of a meeting event: the secretary of the branch whose
 * organisation-life record the event belongs to (event kind 'meeting', refId = the record).
 * Used by checkin.currentCode so a secretary can show the kiosk code of their own meeting.
 */
import { col } from '../../server/core/db';
import type { EventDoc } from '../checkin/public';

export async function leadsMeeting(openid: string, event: Pick<EventDoc, 'kind' | 'refId'>): Promise<boolean> {
  if (event.kind !== 'meeting' || !event.refId) return false;
  const [record] = (await col('orgLife').doc(event.refId).get()).data;
  if (!record) return false;
  const [branch] = (await col('branches').doc(record.branchId).get()).data;
  return !!branch && branch.secretaryOpenid === openid;
}
