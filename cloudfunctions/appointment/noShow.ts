/**
 * The no-show records around a booking, kept fair and private (S-12; the rule itself is
 * server/core/noShow.ts, checked by book.ts):
 *   - `reportExpertNoShow`: the enterprise (or an admin) records that the EXPERT did not come —
 *     a state of its own (`expert_absent`), which never counts against the enterprise;
 *   - `appealNoShow`: the enterprise contests a no-show recorded against it; the admins are told;
 *   - `excuseNoShow`: an admin accepts a reason (请假、专家记错…): the no-show stops counting at
 *     once, because the cool-down is computed from the rows at each booking. Audited.
 * None of this is listed or ranked anywhere; the figures count states, never enterprises.
 */
import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { enqueue, toAdmins } from '../../server/core/outbox';
import { BOOKING_PAGE, bookingView, enterpriseOf, getBookingFor, idParam, parkRange } from './shared';
import { transition, type ActingRole } from './transition';

export const reportExpertNoShow = action({
  roles: ['enterprise', 'admin'],
  params: z.strictObject({ bookingId: idParam, note: z.string().trim().max(200).optional() }),
  async handler({ bookingId, note }, { caller }) {
    const roleOf = (b: { enterpriseId: string }): ActingRole => (caller.is('enterprise') && b.enterpriseId === caller.user.enterpriseId ? 'enterprise' : 'admin');
    const enterpriseId = caller.is('enterprise') && !caller.is('admin') ? caller.user.enterpriseId : null;
    return transition({
      // An enterprise contact's own booking, once it has started: one updateAndReturn, no read first.
      claim: enterpriseId ? { where: { enterpriseId, startAt: cmd().lte(new Date()) }, role: 'enterprise' } : undefined,
      bookingId,
      event: 'expertNoShow',
      caller,
      role: roleOf,
      note: note || '专家未到场',
      patch: { noShowAt: new Date() },
      check: (b, now) => {
        if (roleOf(b) === 'admin' && !caller.is('admin')) throw new AppError('NOT_FOUND', '预约不存在或不属于您，请返回列表刷新。');
        if (new Date(b.startAt).getTime() > now.getTime()) throw new AppError('CLOSED', '预约尚未开始，开始后才能记录专家未到场。');
      },
      notify: (b, _to, role) => {
        const data = { expert: b.expertName, time: parkRange(b.startAt, b.endAt), place: b.place, state: '记为专家未到场' };
        const page = BOOKING_PAGE(b._id);
        const ref = `bookings/${b._id}`;
        return [
          { type: 'appointment.expertAbsent', toOpenid: b.expertId, template: 'bookingResult', page, ref, data: { ...data, expert: b.enterpriseName } },
          ...(role === 'admin' ? [{ type: 'appointment.expertAbsent', toOpenid: b.bookedBy, template: 'bookingResult', page, ref, data }] : []),
          // The admins as a role (one row, fanned out at delivery to whoever holds it then).
          toAdmins({ type: 'appointment.expertAbsent', template: 'bookingResult', page, ref, data }),
        ];
      },
    });
  },
});

export const appealNoShow = action({
  roles: ['enterprise'],
  params: z.strictObject({ bookingId: idParam, reason: z.string().trim().min(4, '请用至少 4 个字说明情况').max(300) }),
  async handler({ bookingId, reason }, { caller }) {
    const enterpriseId = enterpriseOf(caller);
    const now = new Date();
    const appeal = { at: now, by: caller.openid, reason };
    const { doc } = await col('bookings').where({ _id: bookingId, enterpriseId, state: 'no_show', noShowAppeal: null, noShowExcused: null }).updateAndReturn({ noShowAppeal: cmd().set(appeal) }); // set: an object update is merged path by path, which CloudBase refuses on a field holding null
    if (!doc) {
      const b = await getBookingFor(bookingId, caller);
      if (b.enterpriseId !== enterpriseId) throw new AppError('NOT_FOUND', '预约不存在或不属于您，请返回列表刷新。');
      if (b.state !== 'no_show') throw new AppError('CONFLICT', '该预约没有未到场记录，无需申诉。');
      if (b.noShowExcused) throw new AppError('CONFLICT', '该次未到场已被核销，不再计入。');
      throw new AppError('CONFLICT', '您已提交过申诉，请等待党群服务中心处理。');
    }
    await enqueue([toAdmins({
      type: 'appointment.noShowAppeal', template: 'bookingResult', page: BOOKING_PAGE(bookingId), ref: `bookings/${bookingId}`,
      data: { expert: doc.enterpriseName, time: parkRange(doc.startAt, doc.endAt), place: doc.place, state: '未到场申诉待处理' },
    })]);
    return bookingView(doc);
  },
});

export const excuseNoShow = action({
  roles: ['admin'],
  params: z.strictObject({ bookingId: idParam, reason: z.string().trim().min(2, '请填写核销原因').max(200) }),
  async handler({ bookingId, reason }, ctx) {
    const now = new Date();
    const excuse = { at: now, by: ctx.caller.openid, reason };
    const { doc } = await col('bookings').where({ _id: bookingId, state: 'no_show', noShowExcused: null }).updateAndReturn({ noShowExcused: cmd().set(excuse) });
    if (!doc) {
      const [b] = (await col('bookings').doc(bookingId).get()).data;
      if (!b) throw new AppError('NOT_FOUND', '预约不存在，请刷新后查看。');
      if (b.state !== 'no_show') throw new AppError('CONFLICT', '该预约没有未到场记录。');
      throw new AppError('CONFLICT', '该次未到场已核销。');
    }
    await Promise.all([
      audit(ctx, { fn: 'appointment', action: 'excuseNoShow', target: `bookings/${bookingId}`, before: { noShowExcused: null }, after: { noShowExcused: { reason } } }),
      enqueue([{ type: 'appointment.noShowExcused', toOpenid: doc.bookedBy, template: 'bookingResult', page: BOOKING_PAGE(bookingId), ref: `bookings/${bookingId}`,
        data: { expert: doc.expertName, time: parkRange(doc.startAt, doc.endAt), place: doc.place, state: '未到场记录已核销' } }]),
    ]);
    return bookingView(doc);
  },
});

/** Admins: no-show appeals waiting for a decision, oldest first. */
export const noShowAppeals = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const _ = cmd();
    const { data } = await col('bookings').where({ state: 'no_show', noShowAppeal: _.neq(null), noShowExcused: null }).orderBy('startAt', 'asc').limit(100).get();
    return data.map((b) => ({ ...bookingView(b), appeal: { reason: b.noShowAppeal!.reason, at: b.noShowAppeal!.at } }));
  },
});
