import Taro from '@tarojs/taro';
import { ROUTES, withQuery } from '../../../domain/routes';
import type { MaterialOpening } from '../../../domain/study';
import { toast } from '../../../utils/nav';

/** WeChat's global (weapp only). */
declare const wx: Record<string, unknown> | undefined;

type WxResult = { errMsg?: string };
type WxApi = (o: Record<string, unknown>) => unknown;

/**
 * A WeChat API by name: Taro's when it has one (Taro promisifies openChannelsActivity), else the
 * global wx — Taro 4.2 has no typing for openOfficialAccountArticle (base library 3.4.8). Null on
 * an older WeChat that lacks it.
 */
function wxApi(name: string): WxApi | null {
  const t = (Taro as unknown as Record<string, unknown>)[name];
  if (typeof t === 'function') return t as WxApi;
  const w = typeof wx !== 'undefined' && wx ? wx[name] : undefined;
  return typeof w === 'function' ? (w as WxApi).bind(wx) : null;
}

/**
 * Calls `name` with callbacks and settles once, whether the API answers by callback (wx) or by a
 * promise (Taro's promisified ones, whose rejection must be handled here). The call itself starts
 * synchronously, so it stays inside the tap (openOfficialAccountArticle 「必须有点击行为」).
 */
function callWx(name: string, args: Record<string, unknown>): Promise<void> {
  const api = wxApi(name);
  if (!api) return Promise.reject<void>({ errMsg: `${name}:fail unsupported` });
  return new Promise<void>((resolve, reject) => {
    const r = api({ ...args, success: () => resolve(), fail: (e: WxResult) => reject(e) }) as Promise<unknown> | undefined;
    if (r && typeof r.then === 'function') r.then(() => resolve(), reject);
  });
}

const cancelled = (e: unknown) => /cancel/i.test(String((e as WxResult)?.errMsg ?? ''));

function copy(url: string, sentence: string): void {
  Taro.setClipboardData({ data: url }).then(
    () => toast(sentence),
    () => toast('复制失败，请长按下方链接手动复制'),
  );
}

/**
 * Opens a study material the way materialOpening chose (findings G-10). Call it inside the tap,
 * before any await. Every WeChat way falls back to something the member can still do.
 */
export function openMaterial(o: MaterialOpening, title: string): void {
  switch (o.way) {
    case 'browser':
      window.open(o.url, '_blank', 'noopener');
      return;
    case 'article':
      // A 公众号 address pasted into any WeChat chat opens there too: that is the fallback.
      callWx('openOfficialAccountArticle', { url: o.url }).catch((e) => {
        if (!cancelled(e)) copy(o.url, '文章未能直接打开，链接已复制，可粘贴到微信聊天中点开阅读');
      });
      return;
    case 'channels':
      callWx('openChannelsActivity', { finderUserName: o.finderUserName, feedId: o.feedId, ...(o.nonceId ? { nonceId: o.nonceId } : {}) }).catch((e) => {
        if (cancelled(e)) return;
        void Taro.showModal({
          title: '视频未能打开',
          content: `请把微信升级到最新版本后再试，或在微信「视频号」中搜索“${title}”观看。`,
          showCancel: false,
          confirmText: '知道了',
        });
      });
      return;
    case 'webview':
      Taro.navigateTo({ url: withQuery(ROUTES.studyWebview, { url: o.url, title }) }).catch(() => copy(o.url, '页面未能打开，链接已复制，请在手机浏览器中打开'));
      return;
    case 'copy':
      copy(o.url, '链接已复制，请粘贴到手机浏览器中打开');
      return;
    default:
      return;
  }
}
