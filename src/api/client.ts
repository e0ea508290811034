/**
 * The one API client. `call('user', 'me', {})` is fully typed from the back end's action
 * tables — types only: nothing from server/ or cloudfunctions/ is bundled into the app.
 *
 * weapp → Taro.cloud.callFunction; h5 → POST /api/<fn> with the demo identity header.
 * Either way a call refused by a rush is sent again for a while (./retry.ts).
 */
import Taro from '@tarojs/taro';
import type { functions } from '../../server/functions';
import type { ParamsOf, ResultOf } from '../../server/core/router';
import { selectTransport, type CloudLike, type FetchLike, type Invoke } from './transport';
import { withRetry } from './retry';
import { readDemoIdentity } from '../domain/identity';
import { taroKV } from '../utils/storage';

type Fns = typeof functions;
export type FnName = keyof Fns & string;
export type ActionName<F extends FnName> = keyof Fns[F] & string;
export type Params<F extends FnName, A extends ActionName<F>> = ParamsOf<Fns[F][A]>;
export type Result<F extends FnName, A extends ActionName<F>> = ResultOf<Fns[F][A]>;

let invoke: Invoke | null = null;

function transport(): Invoke {
  if (!invoke) {
    invoke = withRetry(
      selectTransport(process.env.TARO_ENV, {
        cloud: () => Taro.cloud as unknown as CloudLike,
        env: process.env.TARO_APP_CLOUD_ENV || undefined,
        fetch: ((url, init) => fetch(url, init as RequestInit)) as FetchLike,
        getOpenid: () => readDemoIdentity(taroKV)?.openid ?? null,
      }),
    );
  }
  return invoke;
}

/** Whether calls can identify the caller: always in weapp; in h5 once a demo identity is chosen. */
export function hasIdentity(): boolean {
  return process.env.TARO_ENV !== 'h5' || readDemoIdentity(taroKV) !== null;
}

/** Calls `fn.action(params)`; resolves with the action's data or throws ApiError. */
export function call<F extends FnName, A extends ActionName<F>>(
  fn: F,
  action: A,
  params: Params<F, A>,
): Promise<Result<F, A>> {
  return transport()(fn, action, params) as Promise<Result<F, A>>;
}

export { ApiError, errorMessage } from './errors';
