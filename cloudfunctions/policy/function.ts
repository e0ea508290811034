/**
 * `policy`: 惠企政策 and 惠企礼包 — search, 政策找企业 matching, claiming packages and 代办 requests.
 * This folder is the whole `policy` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { list } from './list';
import { get } from './get';
import { listPackages } from './listPackages';
import { getPackage } from './getPackage';
import { match } from './match';
import { claimPackage } from './claimPackage';
import { requestProxy } from './requestProxy';
import { myProfile } from './myProfile';
import { updateMyProfile } from './updateMyProfile';
import { catalog } from './catalog';
import { upsertPolicy } from './upsertPolicy';
import { upsertPackage } from './upsertPackage';
import { sendPolicyNotices } from './notices';

export const actions = {
  list,
  get,
  listPackages,
  getPackage,
  match,
  claimPackage,
  requestProxy,
  myProfile,
  updateMyProfile,
  catalog,
  upsertPolicy,
  upsertPackage,
};

/**
 * The timer trigger (cloudbaserc.json → policy trigger `notices`, hourly; locally the gateway's
 * timer) tells enterprises of newly published policies that match them and of matched deadlines
 * 7 days and 1 day ahead (notices.ts, each once).
 */
export const main = makeMain('policy', actions, { onTimer: async () => sendPolicyNotices(new Date()) });
