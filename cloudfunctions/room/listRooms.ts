import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { roomView } from './shared';

/** The center's bookable rooms (venues marked bookable), in display order. */
export const listRooms = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler() {
    const { data } = await col('venues').where({ bookable: true }).orderBy('order', 'asc').limit(100).get();
    return data.map(roomView);
  },
});
