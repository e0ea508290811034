import Taro from '@tarojs/taro';
import { templateIds } from '../../domain/appointment';

/**
 * Asks WeChat for permission to send the booking's subscribe messages (result, reminder,
 * cancellation). Must run inside the tap handler that books (WeChat needs the user's gesture).
 * A refusal does not stop the booking: the outbox rows just go undelivered for this person.
 * Skipped in h5 and when no template ids are configured (TARO_APP_SUBSCRIBE_TMPL_IDS).
 */
export function askSubscriptions(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve();
  const tmplIds = templateIds(process.env.TARO_APP_SUBSCRIBE_TMPL_IDS);
  if (tmplIds.length === 0) return Promise.resolve();
  return Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    .then(() => undefined)
    .catch(() => undefined);
}
