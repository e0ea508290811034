import { randomInt } from 'crypto';
import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { VenueDoc } from './docs';
import { getVenue, venueIdParam, venueSummary } from './shared';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** Short ids: the venue's code is `v:<id>` and must fit a 32-character scene. */
function newVenueId(): string {
  let s = 'v';
  for (let i = 0; i < 7; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

const SAME_NAME = '已有同名场所，请换一个名称。';

/** Admin adds a venue (no id) or edits one. The printed code stays valid: it carries only the id. */
export const upsertVenue = action({
  roles: ['admin'],
  params: z.strictObject({
    id: venueIdParam.optional(),
    name: z.string().trim().min(1, '请填写场所名称').max(30),
    address: z.string().trim().max(60).default(''),
    description: z.string().trim().max(200).default(''),
    order: z.number().int().min(0).max(999).optional(),
  }),
  async handler({ id, ...fields }, ctx) {
    if (!id) {
      const doc: VenueDoc = { ...fields, order: fields.order ?? 100, createdAt: new Date() };
      const _id = newVenueId();
      try {
        await col('venues').add({ _id, ...doc });
      } catch (err) {
        if (isDuplicateKey(err)) throw new AppError('CONFLICT', SAME_NAME);
        throw err;
      }
      await audit(ctx, { fn: 'checkin', action: 'upsertVenue', target: `venues/${_id}`, before: null, after: doc });
      return venueSummary({ _id, ...doc });
    }
    const before = await getVenue(id);
    const change = { ...fields, order: fields.order ?? before.order };
    try {
      await col('venues').doc(id).update(change);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', SAME_NAME);
      throw err;
    }
    const after = { ...before, ...change };
    await audit(ctx, { fn: 'checkin', action: 'upsertVenue', target: `venues/${id}`, before: venueSummary(before), after: venueSummary(after) });
    return venueSummary(after);
  },
});
