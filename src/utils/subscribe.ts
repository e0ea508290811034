import Taro from '@tarojs/taro';
import { builtTemplateIds, idsAt, type MomentName } from '../domain/subscribe';
import { call } from '../api/client';

const IDS = builtTemplateIds(process.env.TARO_APP_SUBSCRIBE_TEMPLATES);

/**
 * Asks the person to accept the subscribe messages of a moment (src/domain/subscribe.ts MOMENTS).
 * Call it synchronously inside the tap, before any await — WeChat shows the prompt only on a user
 * gesture — and do not wait for it: the action goes on at once, and a refusal (or a closed prompt)
 * never blocks it; those messages then stay in 消息中心 only. Accepted templates are recorded with
 * `notify.grant` (one message per acceptance). Skipped in h5 and when the build has no ids for the
 * moment's templates.
 */
export function askAt(moment: MomentName): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve();
  const tmplIds = idsAt(moment, IDS);
  if (tmplIds.length === 0) return Promise.resolve();
  try {
    return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
      .then(async (res) => {
        const accepted = tmplIds.filter((id) => (res as unknown as Record<string, string>)[id] === 'accept');
        if (accepted.length > 0) await call('notify', 'grant', { tmplIds: accepted });
      })
      .catch(() => undefined);
  } catch {
    return Promise.resolve();
  }
}

/** Whether this build can ask anything at a moment (weapp with ids for its templates): e.g. to show a 开启微信通知 row. */
export function canAskAt(moment: MomentName): boolean {
  return process.env.TARO_ENV === 'weapp' && idsAt(moment, IDS).length > 0;
}
