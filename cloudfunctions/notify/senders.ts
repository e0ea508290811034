/**
 * Where a message goes.
 *  - local: nowhere outside — the row is marked sent and the person reads it in 消息中心.
 *  - production: a WeChat subscribe message via wx-server-sdk's `cloud.openapi.subscribeMessage.send`,
 *    one per subscription the person granted (WeChat allows one message per tap on 允许). Without a
 *    grant the message is not sent (WeChat would refuse it) and the row fails with that reason; the
 *    person still sees it in 消息中心. wx-server-sdk is not bundled (see scripts/build-functions.ts):
 *    it is required lazily, only here, only in production.
 */
import { cmd, col } from '../../server/core/db';
import { isLocalMode } from '../../server/core/config';
import type { Sender } from './deliver';
import { TEMPLATES, templateIds } from './templates';

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

interface WxServerSdk {
  init(opts: { env: unknown }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  openapi: { subscribeMessage: { send(req: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string }> } };
}

export function wechatSender(): Sender {
  let wx: WxServerSdk | null = null;
  const ids = templateIds();
  return {
    async send(row) {
      const tmplId = ids[row.template];
      const spec = TEMPLATES[row.template];
      if (!tmplId || !spec) return { ok: false, reason: `未配置订阅消息模板：${row.template}`, retry: false };
      if (!(await takeGrant(row.toOpenid, tmplId))) return { ok: false, reason: '用户未授权订阅该消息', retry: false };
      if (!wx) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        wx = require('wx-server-sdk') as WxServerSdk;
        wx.init({ env: wx.DYNAMIC_CURRENT_ENV });
      }
      const data = Object.fromEntries(Object.entries(spec.fields(row.data)).map(([k, v]) => [k, { value: v }]));
      try {
        const res = await wx.openapi.subscribeMessage.send({ touser: row.toOpenid, templateId: tmplId, page: row.page, data, miniprogramState: 'formal' });
        if (res.errCode && res.errCode !== 0) return { ok: false, reason: `微信返回 ${res.errCode}：${res.errMsg ?? ''}`, retry: res.errCode === -1 };
        return { ok: true, channel: 'wechat' };
      } catch (err) {
        const e = err as { errCode?: number; message?: string };
        // 43101: the user refused or the grant was used up — retrying cannot help.
        return { ok: false, reason: `发送失败：${e.errCode ?? ''} ${e.message ?? ''}`.slice(0, 200), retry: e.errCode !== 43101 };
      }
    },
  };
}

export function currentSender(): Sender {
  return isLocalMode() ? localSender : wechatSender();
}
