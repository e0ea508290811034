/**
 * Where a message goes.
 *  - local, by default: as strict as production (see "strict local" below) — a message nobody granted,
 *    or with a value WeChat would refuse, fails locally with WeChat's reason, and the person still
 *    reads it in 消息中心.
 *  - local with REDPARK_STRICT_SENDER=0: the forgiving sender — every row is marked sent (the inbox
 *    only). For a demo that should look as if everyone had accepted; never for tests.
 *  - production: a WeChat subscribe message via wx-server-sdk's `cloud.openapi.subscribeMessage.send`,
 *    one per subscription the person granted (WeChat allows one message per tap on 允许). Without a
 *    grant the message is not sent (WeChat would refuse it) and the row fails with that reason; the
 *    person still sees it in 消息中心. wx-server-sdk is not bundled (see scripts/build-functions.ts):
 *    it is required lazily, only here, only in production.
 *  - strict local (the default locally): the production
 *    sender with the same grant spending, talking to `simulatedWeChat()`, which checks every value
 *    as WeChat does and refuses with 47003 — so a template WeChat would refuse fails locally.
 */
import { cmd, col } from '../../server/core/db';
import { isLocalMode } from '../../server/core/config';
import type { Sender } from './deliver';
import { TEMPLATES, templateIds } from './templates';
import { dataProblems, WX_INVALID_DATA, WX_NO_GRANT } from './wechatRules';

export const localSender: Sender = {
  async send() {
    return { ok: true, channel: 'inbox' };
  },
};

/** Takes one granted subscription, atomically; false when there is none left. */
export async function takeGrant(openid: string, tmplId: string): Promise<boolean> {
  const { updated } = await col('subscriptions')
    .where({ _id: `${openid}:${tmplId}`, remaining: cmd().gt(0) })
    .update({ remaining: cmd().inc(-1), usedAt: new Date() });
  return updated === 1;
}

export interface SubscribeSendRequest {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
}
/** `cloud.openapi.subscribeMessage` of wx-server-sdk, or its simulation. */
export interface SubscribeApi {
  send(req: SubscribeSendRequest): Promise<{ errCode?: number; errMsg?: string }>;
}

interface WxServerSdk {
  init(opts: { env: unknown }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  openapi: { subscribeMessage: SubscribeApi };
}

function wxServerSdk(): SubscribeApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wx = require('wx-server-sdk') as WxServerSdk;
  wx.init({ env: wx.DYNAMIC_CURRENT_ENV });
  return wx.openapi.subscribeMessage;
}

/**
 * subscribeMessage.send as far as it can be known offline: every value checked by its keyword type
 * (47003 with WeChat's errmsg), the requests kept in `sent` for tests. The grant is checked before, by
 * the sender's own ledger (takeGrant), exactly as in production.
 */
export function simulatedWeChat(): SubscribeApi & { sent: SubscribeSendRequest[] } {
  const sent: SubscribeSendRequest[] = [];
  return {
    sent,
    async send(req) {
      const problems = dataProblems(Object.fromEntries(Object.entries(req.data).map(([k, v]) => [k, v?.value])));
      if (problems.length) return { errCode: WX_INVALID_DATA, errMsg: `argument invalid! ${problems.join('; ')}` };
      sent.push(req);
      return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
    },
  };
}

/**
 * The production sender. `api` is wx-server-sdk's (loaded on first use) unless given; `ids` the
 * deployment's template ids.
 */
export function wechatSender(api?: SubscribeApi, ids: Record<string, string> = templateIds()): Sender {
  let wx: SubscribeApi | null = api ?? null;
  return {
    async send(row) {
      const tmplId = ids[row.template];
      const spec = TEMPLATES[row.template];
      if (!tmplId || !spec) return { ok: false, reason: `未配置订阅消息模板：${row.template}`, retry: false };
      if (!(await takeGrant(row.toOpenid, tmplId))) return { ok: false, reason: '用户未授权订阅该消息', retry: false };
      if (!wx) wx = wxServerSdk();
      const data = Object.fromEntries(Object.entries(spec.fields(row.data)).map(([k, v]) => [k, { value: v }]));
      try {
        const res = await wx.send({ touser: row.toOpenid, templateId: tmplId, page: row.page, data, miniprogramState: 'formal' });
        if (res.errCode && res.errCode !== 0) return { ok: false, reason: `微信返回 ${res.errCode}：${res.errMsg ?? ''}`, retry: res.errCode === -1 };
        return { ok: true, channel: 'wechat' };
      } catch (err) {
        const e = err as { errCode?: number; message?: string };
        // 43101: the user refused or the grant was used up — retrying cannot help.
        return { ok: false, reason: `发送失败：${e.errCode ?? ''} ${e.message ?? ''}`.slice(0, 200), retry: e.errCode !== WX_NO_GRANT };
      }
    },
  };
}

/** Template ids of the strict local sender: the deployment's, and a stand-in for every other template. */
export function localTemplateIds(): Record<string, string> {
  return { ...Object.fromEntries(Object.keys(TEMPLATES).map((k) => [k, `local-${k}`])), ...templateIds() };
}

/** The production sender against the simulated WeChat (see the header). */
export function strictLocalSender(api: SubscribeApi = simulatedWeChat()): Sender {
  return wechatSender(api, localTemplateIds());
}

/** Template ids grants are counted for (notify.grant): the strict local sender's in that mode. */
export function grantableTemplateIds(): Record<string, string> {
  return isLocalMode() && strictLocally() ? localTemplateIds() : templateIds();
}

/** Locally the sender is as strict as WeChat unless REDPARK_STRICT_SENDER=0 asks for the forgiving one. */
const strictLocally = () => process.env.REDPARK_STRICT_SENDER !== '0';

export function currentSender(): Sender {
  if (!isLocalMode()) return wechatSender();
  return strictLocally() ? strictLocalSender() : localSender;
}
