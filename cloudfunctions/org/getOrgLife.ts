import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { signInState } from '../checkin/public';
import { branchForCaller, namesOf } from './shared';
import { getRecord, isFinalised, recordIdParam, recordView, restoreMeetingEvent } from './orgLifeShared';
import { branchMembers, parkMonth } from './members';

/**
 * One meeting with the members present (by code, or added by hand), 列席 apart (people outside the
 * branch who scanned its code, and guests by name), the branch's members not yet recorded, for
 * adding by hand, and who entered and who confirmed the record.
 */
export const getOrgLife = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ id: recordIdParam }),
  async handler({ id }, { caller }) {
    const r = await getRecord(id);
    const [branch, checkins, members, event, locked] = await Promise.all([
      branchForCaller(caller, r.branchId),
      col('checkins').where({ eventId: r.eventId }).orderBy('at', 'asc').limit(500).get(),
      branchMembers(r.branchId, parkMonth(r.startAt)),
      col('events').doc(r.eventId).get(),
      // The page hides edit and withdraw for a locked record instead of letting them fail with CLOSED.
      isFinalised(r),
    ]);
    const names = await namesOf([...members, ...checkins.data.map((c) => c.openid), r.recordedBy, r.confirmedBy, r.editedBy]);
    const row = (c: (typeof checkins.data)[number]) => ({
      openid: c.openid,
      name: names.get(c.openid) || '（未填姓名）',
      via: c.recordedBy ? ('hand' as const) : ('code' as const),
      at: new Date(c.at).toISOString(),
    });
    const present = checkins.data.filter((c) => !c.guest);
    const scannedGuests = checkins.data.filter((c) => c.guest);
    const seen = new Set(present.map((c) => c.openid));
    // Missing only when createOrgLife died between the record and its event (its header): put back.
    const e = event.data[0] ?? (await restoreMeetingEvent(r));
    return {
      ...recordView(r, present.length, scannedGuests.length),
      branchName: branch.name,
      signIn: e ? signInState(e, Date.now()) : 'closed',
      /** The quarter's rating is finalised: the record can no longer be edited or withdrawn. */
      locked,
      /** 参会党员: members of the branch present. */
      signedIn: present.map(row),
      /** 列席 by scan: people outside the branch who scanned the meeting's code. */
      guestsScanned: scannedGuests.map(row),
      guestNames: r.guestNames,
      absentMembers: members.filter((m) => !seen.has(m)).map((m) => ({ openid: m, name: names.get(m) ?? '' })),
      recordedByName: names.get(r.recordedBy) ?? '',
      confirmedByName: r.confirmedBy ? (names.get(r.confirmedBy) ?? '') : '',
      editedByName: r.editedBy ? (names.get(r.editedBy) ?? '') : '',
    };
  },
});
