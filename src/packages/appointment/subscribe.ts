import Taro from '@tarojs/taro';
import { templateIds } from '../../domain/appointment';
import { call } from '../../api/client';

/**
 * Asks WeChat for permission to send the booking's subscribe messages (result, reminder,
 * cancellation). Must run inside the tap handler that books (WeChat needs the user's gesture).
 * A refusal does not stop the booking: the outbox rows just go undelivered for this person
 * (they still show in 消息中心). Accepted templates are recorded with `notify.grant`, because
 * WeChat allows one message per acceptance and the sender must not send more.
 * Skipped in h5 and when no template ids are configured (TARO_APP_SUBSCRIBE_TMPL_IDS).
 */
export function askSubscriptions(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve();
  const tmplIds = templateIds(process.env.TARO_APP_SUBSCRIBE_TMPL_IDS);
  if (tmplIds.length === 0) return Promise.resolve();
  return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    .then(async (res) => {
      const accepted = tmplIds.filter((id) => (res as unknown as Record<string, string>)[id] === 'accept');
      if (accepted.length > 0) await call('notify', 'grant', { tmplIds: accepted });
    })
    .catch(() => undefined);
}
