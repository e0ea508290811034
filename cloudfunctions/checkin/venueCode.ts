import * as z from 'zod';
import { action } from '../../server/core/router';
import { venueScene } from './codes';
import { codeImager } from './codeImage';
import { getVenue, venueIdParam, venueSummary } from './shared';

/** A venue's static code as an image, for the admin to download and print. */
export const venueCode = action({
  roles: ['admin'],
  params: z.strictObject({ venueId: venueIdParam }),
  async handler({ venueId }) {
    const venue = await getVenue(venueId);
    const scene = venueScene(venue._id);
    return { venue: venueSummary(venue), scene, image: await codeImager().draw(scene) };
  },
});
