/**
 * WeChat open data from a group share (分享卡片 → 群), and how far it can be trusted.
 *
 * The client gets a `cloudID` from `wx.getGroupEnterInfo` (or `wx.getShareInfo(shareTicket)` on
 * old base libraries) and sends it as `params.<field> = { cloudID }`. Exchanging it for
 * `{ cloudID, data: { openGId, watermark: { timestamp, appid } } }` happens in ONE place per mode:
 *
 *  - production: the function itself calls `cloud.getOpenData({ list: [cloudID] })` (wx-server-sdk,
 *    a WeChat cloud call made with the caller's own identity). The platform's automatic
 *    replacement of `wx.cloud.CloudID()` values is NOT used: it only touches top-level fields
 *    of `callFunction`'s data, and our params travel inside `event.params`; and, more
 *    importantly, a replaced field is just an object `{ cloudID, data }` in the event — a
 *    hand-made request can contain the same object with any openGId, and nothing in the event
 *    tells the two apart. Whatever `data` the request carries is therefore ignored in
 *    production (and a mismatch with WeChat's answer is refused as forged).
 *  - local: the local gateway (its openData.ts), and only the gateway, replaces every top-level
 *    params object that has a string `cloudID`, exactly as the platform would: the test form
 *    `test:<openGId>` becomes `{ cloudID, data: { openGId, watermark } }`, anything else becomes
 *    `{ cloudID, errCode, errMsg }`, and any `data` the client sent is overwritten. So under the
 *    gateway a `data` object can only have come from the replacement.
 *
 * Either way the handler then runs the same checks (`verifyGroupShare`): the shape, the
 * watermark's appid (ours) and its age (a cloudID lives five minutes).
 *
 * Residual risk, stated plainly: WeChat documents the cloudID as valid for five minutes but we
 * found no documented guarantee that `getOpenData` refuses a cloudID obtained by another user.
 * A member who is in the chat could hand a fresh cloudID to someone who is not, within those
 * minutes, and that person would join the study group bound to the chat. Only approved Party
 * members can join at all, the join is recorded with `via: 'share'`, and a manager can remove a
 * member; binding a chat needs a manager of the group. That is the accepted exposure.
 */
import { AppError } from './errors';
import { isLocalMode } from './config';

/** The appid in watermarks the local gateway writes (the platform writes the mini-program's). */
export const LOCAL_APPID = 'wx-redpark-local';
export const TEST_CLOUDID_PREFIX = 'test:';
/** openGIds are opaque base64-like strings; this bound keeps ids and keys sane. */
export const OPEN_GID_RE = /^[A-Za-z0-9_-]{4,128}$/;
/** A cloudID is valid 5 minutes; the watermark may be a little older than the call (slow open). */
export const SHARE_MAX_AGE_MS = 10 * 60_000;
/** Clock difference between WeChat's servers and ours that is tolerated the other way. */
export const SHARE_FUTURE_SKEW_MS = 2 * 60_000;

/** What stands where a cloudID was: open data on success, an error on failure. */
export interface ReplacedOpenData {
  cloudID: string;
  data?: unknown;
  errCode?: number;
  errMsg?: string;
}

export interface GroupShare {
  openGId: string;
  /** Watermark time, ms. */
  at: number;
  appid: string;
}

export type ShareCheck =
  | { ok: true; share: GroupShare }
  | { ok: false; reason: 'failed' | 'shape' | 'appid' | 'stale' };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks replaced group-share data. `getGroupEnterInfo` spells the id `opengid`,
 * `getShareInfo` spells it `openGId`; both are accepted. Pure: unit-tested with any clock.
 */
export function verifyGroupShare(replaced: unknown, opts: { now: number; appid: string }): ShareCheck {
  if (!isObj(replaced) || typeof replaced.cloudID !== 'string') return { ok: false, reason: 'shape' };
  if (replaced.errCode !== undefined && replaced.errCode !== 0) return { ok: false, reason: 'failed' };
  const data = replaced.data;
  if (!isObj(data) || !isObj(data.watermark)) return { ok: false, reason: 'shape' };
  const gid = typeof data.openGId === 'string' ? data.openGId : data.opengid;
  const { timestamp, appid } = data.watermark;
  if (typeof gid !== 'string' || !OPEN_GID_RE.test(gid)) return { ok: false, reason: 'shape' };
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || typeof appid !== 'string') return { ok: false, reason: 'shape' };
  if (!opts.appid || appid !== opts.appid) return { ok: false, reason: 'appid' };
  const at = timestamp * 1000;
  if (opts.now - at > SHARE_MAX_AGE_MS || at - opts.now > SHARE_FUTURE_SKEW_MS) return { ok: false, reason: 'stale' };
  return { ok: true, share: { openGId: gid, at, appid } };
}

/** Exchanges a cloudID param for open data. One implementation per mode (see above). */
export interface OpenDataSource {
  /** The appid watermarks must carry. */
  appid(): string;
  exchange(param: { cloudID: string; data?: unknown }): Promise<ReplacedOpenData>;
}

/** Local: the gateway already replaced the param; pass it through. */
export const gatewayOpenData: OpenDataSource = {
  appid: () => LOCAL_APPID,
  async exchange(param) {
    return param as ReplacedOpenData;
  },
};

interface WxServerSdk {
  DYNAMIC_CURRENT_ENV: unknown;
  init(opts: { env: unknown }): void;
  getOpenData(p: { list: string[] }): Promise<{ list?: Array<Record<string, unknown>> }>;
}

let wxsdk: WxServerSdk | null = null;

/**
 * Production: WeChat's own answer for the cloudID (wx-server-sdk, installed in the cloud from
 * the function's package.json and left out of the bundle; required lazily, never locally).
 */
export function platformOpenData(load: () => WxServerSdk = () => require('wx-server-sdk') as WxServerSdk): OpenDataSource {
  return {
    appid: () => process.env.REDPARK_WX_APPID || process.env.WX_APPID || '',
    async exchange(param) {
      if (!wxsdk) {
        wxsdk = load();
        wxsdk.init({ env: wxsdk.DYNAMIC_CURRENT_ENV });
      }
      const res = await wxsdk.getOpenData({ list: [param.cloudID] });
      const item = res?.list?.[0];
      if (!item) return { cloudID: param.cloudID, errCode: -1, errMsg: 'no open data' };
      // The HTTPS form nests the payload as a JSON string under `json`; the SDK form is parsed.
      const body = typeof item.json === 'string' ? (JSON.parse(item.json) as Record<string, unknown>) : item;
      const out: ReplacedOpenData = { cloudID: param.cloudID, data: body.data, errCode: body.errCode as number | undefined, errMsg: body.errMsg as string | undefined };
      const claimed = isObj(param.data) ? (param.data.openGId ?? param.data.opengid) : undefined;
      const real = isObj(out.data) ? (out.data.openGId ?? out.data.opengid) : undefined;
      if (claimed !== undefined && claimed !== real) {
        console.warn('openData: the request carried group data that WeChat does not confirm');
        throw new AppError('FORBIDDEN', '无法确认您是从该微信群打开的，请在群聊中重新点开学习小组卡片。');
      }
      return out;
    },
  };
}

/** For tests of the production path with a fake SDK. */
export function resetPlatformOpenData(): void {
  wxsdk = null;
}

export function openDataSource(): OpenDataSource {
  return isLocalMode() ? gatewayOpenData : platformOpenData();
}

const SHARE_REFUSED: Record<Exclude<ShareCheck, { ok: true }>['reason'], string> = {
  failed: '未能读取微信群信息，请在群聊中重新点开学习小组卡片。',
  shape: '微信群信息格式不正确，请在群聊中重新点开学习小组卡片。',
  appid: '微信群信息不属于本小程序，请在群聊中重新点开学习小组卡片。',
  stale: '微信群信息已过期，请在群聊中重新点开学习小组卡片。',
};

/** The chat a group-share param proves, or a coded refusal. */
export async function resolveGroupShare(param: { cloudID: string; data?: unknown }, source = openDataSource(), now = Date.now()): Promise<GroupShare> {
  const replaced = await source.exchange(param);
  const check = verifyGroupShare(replaced, { now, appid: source.appid() });
  if (!check.ok) throw new AppError(check.reason === 'stale' ? 'CLOSED' : 'VALIDATION', SHARE_REFUSED[check.reason]);
  return check.share;
}
