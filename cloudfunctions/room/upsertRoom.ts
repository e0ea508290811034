import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { HHMM_RE } from './grid';
import { roomView, venueIdParam } from './shared';

/**
 * Admins make a venue a bookable room (or stop taking bookings) and set its capacity, equipment and
 * hours. Rooms are venues — one concept: the room's QR code on the door is the venue's check-in code.
 */
export const upsertRoom = action({
  roles: ['admin'],
  params: z
    .strictObject({
      venueId: venueIdParam,
      bookable: z.boolean(),
      capacity: z.number().int().min(1).max(1000),
      equipment: z.array(z.string().trim().min(1).max(12)).max(12).default([]),
      opensAt: z.string().regex(HHMM_RE, '请按半小时填写，如 08:30'),
      closesAt: z.string().regex(HHMM_RE, '请按半小时填写，如 21:00'),
    })
    .refine((p) => p.opensAt < p.closesAt, '关闭时间需晚于开放时间'),
  async handler({ venueId, ...fields }, ctx) {
    const [v] = (await col('venues').doc(venueId).get()).data;
    if (!v) throw new AppError('NOT_FOUND', '场所不存在，请刷新后重试。');
    await col('venues').doc(venueId).update(fields);
    await audit(ctx, { fn: 'room', action: 'upsertRoom', target: `venues/${venueId}`, before: roomView(v), after: fields });
    return roomView({ ...v, ...fields });
  },
});
