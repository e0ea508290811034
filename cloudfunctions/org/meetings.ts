/**
 * Whether someone runs the sign-in of a meeting event: the secretary of the branch whose
 * organisation-life record the event belongs to (event kind 'meeting', refId = the record).
 * Used by checkin.currentCode so a secretary can show the kiosk code of their own meeting.
 */
import { col } from '../../server/core/db';
import type { EventDoc } from '../checkin/public';
import { branchMembers, parkMonth } from './members';

export async function leadsMeeting(openid: string, event: Pick<EventDoc, 'kind' | 'refId'>): Promise<boolean> {
  if (event.kind !== 'meeting' || !event.refId) return false;
  const [record] = (await col('orgLife').doc(event.refId).get()).data;
  if (!record) return false;
  const [branch] = (await col('branches').doc(record.branchId).get()).data;
  return !!branch && branch.secretaryOpenid === openid;
}

/**
 * Whether a scan of a meeting event's code by `openid` is 列席 (a guest): the event is a branch
 * meeting and the person is not a member of that branch in the meeting's month. False for any other
 * event. Two reads (the record, the branch's members).
 */
export async function meetingGuest(openid: string, event: Pick<EventDoc, 'kind' | 'refId' | 'startAt'>): Promise<boolean> {
  if (event.kind !== 'meeting' || !event.refId) return false;
  const [record] = (await col('orgLife').doc(event.refId).get()).data;
  if (!record) return true;
  const members = await branchMembers(record.branchId, parkMonth(record.startAt));
  return !members.includes(openid);
}
