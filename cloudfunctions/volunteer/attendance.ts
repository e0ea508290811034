/**
 * Volunteers sign in and out of an activity with the rotating code of its check-in event, through
 * the one scan path every code takes (`checkin.scan`): scan verifies the code (signature, window,
 * sign-in period) as for any event, then hands a volunteer event to `volunteerScan` here.
 *
 * One code, two meanings, decided by the person's registration — no separate 签退 code or button:
 *   - first scan: sign-in (recorded once: `where({ _id, signedInAt: null })`);
 *   - a later scan, after the start and at least MIN_SIGN_OUT_GAP after signing in: sign-out.
 *     Scanning again later moves the sign-out (the last scan counts), so someone who scanned
 *     by mistake in the middle simply scans again when they leave;
 *   - a scan within the gap (a double scan at the door) changes nothing.
 * Why: volunteers already know "scan the screen"; a second code or a mode switch on the kiosk is
 * one more thing to get wrong at a busy door, and the gap makes the double scan harmless.
 * Only confirmed volunteers sign in: the waitlisted and the unregistered are told what to do.
 */
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { EventDoc } from '../checkin/public';
import type { RegistrationDoc } from './docs';
import { creditedMinutes, MIN_SIGN_OUT_GAP_MS } from './hours';

export const activeKey = (activityId: string, openid: string) => `${activityId}:${openid}`;

export type VolunteerScan =
  | { action: 'signIn'; signedInAt: string; title: string }
  | { action: 'signOut'; signedInAt: string; signedOutAt: string; minutes: number; title: string }
  | { action: 'repeat'; signedInAt: string; signedOutAt: string | null; minutes: number; title: string; note: string };

const iso = (d: Date | string) => new Date(d).toISOString();

/** Database calls: 1 read of the registration + 1 conditional update. */
export async function volunteerScan(event: WithId<EventDoc>, openid: string, now: number): Promise<VolunteerScan> {
  const activityId = event.refId ?? '';
  const { data } = await col('volunteerRegistrations').where({ activeKey: activeKey(activityId, openid) }).limit(1).get();
  const reg = data[0];
  if (!reg) throw new AppError('FORBIDDEN', '您没有报名这个志愿活动，请先在“志愿服务”中报名，或联系现场组织者。');
  if (reg.status !== 'confirmed') throw new AppError('FORBIDDEN', '您还在候补名单中，暂不能签到；现场如有空位请联系组织者。');
  const span = { startAt: reg.startAt, endAt: reg.endAt };
  const at = new Date(now);
  if (!reg.signedInAt) {
    if (now > new Date(reg.endAt).getTime()) throw new AppError('CLOSED', '活动已结束，不能再签到；如您参加了活动，请联系组织者补录时长。');
    const { updated } = await col('volunteerRegistrations')
      .where({ _id: reg._id, signedInAt: null })
      .update({ signedInAt: at, hours: 'open', noShow: false, updatedAt: at });
    if (updated) return { action: 'signIn', signedInAt: iso(at), title: reg.title };
    // Two scans at the same instant: the other one signed in.
    return repeat(await reload(reg._id), '您已签到，无需重复扫码。');
  }
  const since = now - new Date(reg.signedInAt).getTime();
  if (since < MIN_SIGN_OUT_GAP_MS) return repeat(reg, '您已签到，无需重复扫码；离开时再扫一次即为签退。');
  if (now < new Date(reg.startAt).getTime()) return repeat(reg, '活动尚未开始，签退请在活动开始后扫码。');
  if (reg.hours === 'confirmed' || reg.hours === 'fixed') return repeat(reg, '组织者已为您确认时长，无需再签退。');
  const minutes = creditedMinutes(reg.signedInAt, at, span);
  await col('volunteerRegistrations').doc(reg._id).update({ signedOutAt: at, minutes, hours: 'auto', updatedAt: at });
  return { action: 'signOut', signedInAt: iso(reg.signedInAt), signedOutAt: iso(at), minutes, title: reg.title };
}

async function reload(id: string): Promise<WithId<RegistrationDoc>> {
  const [reg] = (await col('volunteerRegistrations').doc(id).get()).data;
  return reg;
}

function repeat(reg: WithId<RegistrationDoc>, note: string): VolunteerScan {
  return {
    action: 'repeat',
    signedInAt: iso(reg.signedInAt!),
    signedOutAt: reg.signedOutAt ? iso(reg.signedOutAt) : null,
    minutes: reg.minutes,
    title: reg.title,
    note,
  };
}
