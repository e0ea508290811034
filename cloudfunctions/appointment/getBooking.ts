import * as z from 'zod';
import { action } from '../../server/core/router';
import { bookingView, getBookingFor, idParam } from './shared';
import { isOpenState } from './stateMachine';
import { tooLateToCancel } from './cancel';

/** One booking with its timeline; only its enterprise, its expert and admins may see it. */
export const getBooking = action({
  roles: ['enterprise', 'expert', 'admin'],
  params: z.strictObject({ id: idParam }),
  async handler({ id }, { caller }) {
    const b = await getBookingFor(id, caller);
    const viewerSide = b.expertId === caller.openid ? ('expert' as const) : b.enterpriseId === caller.user.enterpriseId ? ('enterprise' as const) : ('admin' as const);
    return {
      ...bookingView(b),
      /** Which side the caller is on, so the page shows the right buttons. */
      viewerSide,
      /** Whether the caller may cancel it now (the cancel action's own rule), so the page offers only what will work. */
      cancellable: isOpenState(b.state) && !tooLateToCancel(b, viewerSide, new Date()),
      /** The enterprise may move it to another slot of the expert (reschedule: same cut-off as its own cancel). */
      reschedulable: viewerSide === 'enterprise' && isOpenState(b.state) && !tooLateToCancel(b, 'enterprise', new Date()),
      /** The enterprise or an admin may record that the expert did not come (reportExpertNoShow), once it has begun. */
      canReportExpertNoShow: viewerSide !== 'expert' && b.state === 'confirmed' && new Date(b.startAt).getTime() <= Date.now(),
      /** The enterprise may contest a no-show recorded against it (appealNoShow), once. */
      canAppealNoShow: viewerSide === 'enterprise' && b.state === 'no_show' && !b.noShowAppeal && !b.noShowExcused,
    };
  },
});
