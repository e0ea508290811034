/**
 * `checkin`: venue and event check-in by QR code, the kiosk's rotating code, visit figures.
 * This folder is the whole `checkin` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts, ledger in ledger.ts, figures in figures.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { scan } from './scan';
import { currentCode } from './currentCode';
import { listVenues } from './listVenues';
import { upsertVenue } from './upsertVenue';
import { venueCode } from './venueCode';
import { createEvent } from './createEvent';
import { listEvents } from './listEvents';
import { stats } from './stats';

export const actions = {
  scan,
  currentCode,
  listVenues,
  upsertVenue,
  venueCode,
  createEvent,
  listEvents,
  stats,
};

export const main = makeMain('checkin', actions);
