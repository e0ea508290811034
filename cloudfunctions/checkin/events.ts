/**
 * Events people sign in to with a rotating code. Later capabilities (volunteer activities,
 * Party lectures, study sessions) create one with `createEvent({ kind, refId, ... })` and reuse
 * the kiosk page and `checkin.scan` unchanged; their own records point back through `refId`.
 */
import { randomInt } from 'crypto';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { CheckinDoc, EventDoc } from './docs';
import { parkDay } from '../../server/core/time';
import { ROTATE_DEFAULT_SECONDS } from './codes';

/** Sign-in opens this long before an event starts (people arrive early) and closes at its end. */
export const OPENS_BEFORE_MS = 60 * 60 * 1000;

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 8 characters: short enough for a 32-character scene, 40 bits so ids do not collide in practice. */
export function newEventId(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** Events the center itself runs; a 'meeting' is a branch's (cloudfunctions/org/createOrgLife.ts). */
export const CENTER_KINDS = ['generic', 'lecture', 'study', 'volunteer'] as const satisfies readonly EventDoc['kind'][];

export interface NewEvent {
  kind: EventDoc['kind'];
  refId?: string | null;
  title: string;
  venueId?: string | null;
  place: string;
  startAt: Date;
  endAt: Date;
  rotateSeconds?: number;
  createdBy: string;
}

export async function createEvent(input: NewEvent): Promise<WithId<EventDoc>> {
  const doc = eventDoc(input);
  // The id is the document _id, so a (vanishingly rare) collision is refused by the database.
  for (let attempt = 0; attempt < 3; attempt++) {
    const _id = newEventId();
    try {
      await col('events').add({ _id, ...doc });
      return { _id, ...doc };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new AppError('CONFLICT', '创建活动失败，请重试。');
}

/** The event document createEvent writes, for a caller that adds it in its own transaction (with newEventId()). */
export function eventDoc(input: NewEvent): EventDoc {
  if (!(input.endAt.getTime() > input.startAt.getTime())) throw new AppError('VALIDATION', '结束时间需晚于开始时间，请修改后重试。');
  return {
    kind: input.kind,
    refId: input.refId ?? null,
    title: input.title,
    venueId: input.venueId ?? null,
    place: input.place,
    startAt: input.startAt,
    endAt: input.endAt,
    rotateSeconds: input.rotateSeconds ?? ROTATE_DEFAULT_SECONDS,
    status: 'open',
    createdBy: input.createdBy,
    createdAt: new Date(),
  };
}

export type SignInState = 'open' | 'not_started' | 'ended' | 'closed';

/**
 * Kinds whose people also sign OUT with the code: it stays valid this long after the end, so a
 * volunteer leaving as the activity closes can still scan (cloudfunctions/volunteer/attendance.ts).
 */
export const CLOSES_AFTER_END_MS: Partial<Record<EventDoc['kind'], number>> = { volunteer: 30 * 60 * 1000 };

/** Whether an event takes sign-ins at `now`. */
export function signInState(e: Pick<EventDoc, 'status' | 'startAt' | 'endAt'> & { kind?: EventDoc['kind'] }, now: number): SignInState {
  if (e.status !== 'open') return 'closed';
  if (now < new Date(e.startAt).getTime() - OPENS_BEFORE_MS) return 'not_started';
  if (now > new Date(e.endAt).getTime() + ((e.kind && CLOSES_AFTER_END_MS[e.kind]) ?? 0)) return 'ended';
  return 'open';
}

/**
 * Records someone's attendance at an event on their behalf (a secretary adding members who did not
 * scan). Same key as a scan (`e:<eventId>:<openid>`, unique), so a person who scanned AND was added
 * by hand is counted once; answers whether a new row was written.
 */
export async function addEventCheckin(input: { event: WithId<EventDoc>; openid: string; recordedBy: string; at?: Date }): Promise<boolean> {
  const at = input.at ?? new Date(input.event.startAt);
  const key = `e:${input.event._id}:${input.openid}`;
  const doc: CheckinDoc = {
    key, openid: input.openid, nonce: key, kind: 'event', venueId: input.event.venueId, eventId: input.event._id,
    day: parkDay(at), at, recordedBy: input.recordedBy,
  };
  try {
    await col('checkins').add(doc);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** A center event (not a branch meeting) at a venue overlapping [startAt, endAt), if any; one read. */
export async function centerEventAt(venueId: string, startAt: Date, endAt: Date): Promise<WithId<EventDoc> | null> {
  const { data } = await col('events').where(centerEventWhere(venueId, startAt, endAt)).limit(1).get();
  return data[0] ?? null;
}

/** centerEventAt's filter, for a caller that reads it in its own aggregation (org.createOrgLife). */
export function centerEventWhere(venueId: string, startAt: Date, endAt: Date) {
  const _ = cmd();
  return { venueId, kind: _.in([...CENTER_KINDS]), status: 'open', startAt: _.lt(endAt), endAt: _.gt(startAt) };
}
