/**
 * The gateway's stand-in for the platform's CloudID replacement (see server/core/openData.ts).
 * Only the gateway calls this, on `event.params` before dispatch: every top-level params value
 * that is an object with a string `cloudID` is replaced as a whole — the test form
 * `test:<openGId>` by the open data WeChat would return, anything else by an error — so a
 * client cannot slip its own `data` past it. Never bundled into a function.
 */
import { LOCAL_APPID, OPEN_GID_RE, TEST_CLOUDID_PREFIX, type ReplacedOpenData } from '../server/core/openData';

export function testCloudId(openGId: string): string {
  return `${TEST_CLOUDID_PREFIX}${openGId}`;
}

function replaceOne(cloudID: string, now: number): ReplacedOpenData {
  const gid = cloudID.startsWith(TEST_CLOUDID_PREFIX) ? cloudID.slice(TEST_CLOUDID_PREFIX.length) : '';
  if (!OPEN_GID_RE.test(gid)) {
    return { cloudID, errCode: -601006, errMsg: 'local gateway: only test:<openGId> CloudIDs can be exchanged' };
  }
  return { cloudID, data: { openGId: gid, watermark: { timestamp: Math.floor(now / 1000), appid: LOCAL_APPID } } };
}

export function replaceTestCloudIds(params: unknown, now = Date.now()): unknown {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return params;
  const out: Record<string, unknown> = { ...(params as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { cloudID?: unknown }).cloudID === 'string') {
      out[k] = replaceOne((v as { cloudID: string }).cloudID, now);
    }
  }
  return out;
}
