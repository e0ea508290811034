import Taro from '@tarojs/taro';
import type { KV } from '../domain/identity';

/** Taro storage (localStorage in h5) as the domain's KV interface. */
export const taroKV: KV = {
  get: (key) => {
    try {
      return Taro.getStorageSync(key);
    } catch {
      return null;
    }
  },
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
};
