/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';
declare module '*.sass';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID?: string;
    /** CloudBase environment id for Taro.cloud.init (empty: the default environment). */
    TARO_APP_CLOUD_ENV?: string;
    /** Subscribe-message template ids, `key=id,…` (REDPARK_SUBSCRIBE_TEMPLATES; src/domain/subscribe.ts). */
    TARO_APP_SUBSCRIBE_TEMPLATES?: string;
  }
}
