/**
 * How a study material opens (findings G-10). Most monthly-topic material is an outside article or
 * video; copying a link into a browser is a real barrier for older members, so in WeChat each kind
 * of address goes where WeChat itself can show it:
 *   - 公众号 articles (mp.weixin.qq.com) → wx.openOfficialAccountArticle (WeChat's own reader);
 *   - 视频号 videos (a 视频号 id `sph…` and the video's feedId) → wx.openChannelsActivity;
 *   - pages on a host the park registered as 业务域名 → our web-view page;
 *   - anything else (共产党员网, 学习强国 …) → copy the link: a web-view only loads registered
 *     business domains, and a domain can only be registered by whoever can put WeChat's check file
 *     on its web root — the park cannot do that for sites it does not run.
 * The browser build opens every address in a new tab. Pure (no Taro), unit-tested.
 */

/**
 * The hosts the park registered as 业务域名 (mini-program console → 开发管理 → 开发设置 → 业务域名).
 * A host listed here and not registered there opens a blank web-view with WeChat's error: register
 * first, then list it here. Exact host names (no port); https only, as WeChat requires.
 */
export const WEBVIEW_DOMAINS: readonly string[] = ['dangjian.xinghewan.example'];

/** The host of 公众号 articles. */
export const OFFICIAL_ACCOUNT_HOST = 'mp.weixin.qq.com';

export type MaterialKind = 'text' | 'link' | 'video' | 'channels';

export interface OpenableMaterial {
  kind: MaterialKind;
  url: string;
  finderUserName?: string;
  feedId?: string;
  nonceId?: string;
}

export type MaterialOpening =
  /** h5: a new browser tab. */
  | { way: 'browser'; url: string }
  /** weapp: wx.openOfficialAccountArticle (the https address). */
  | { way: 'article'; url: string }
  /** weapp: wx.openChannelsActivity. */
  | { way: 'channels'; finderUserName: string; feedId: string; nonceId?: string }
  /** weapp: our web-view page (a registered business domain). */
  | { way: 'webview'; url: string }
  /** weapp: copy the address, with the sentence why. */
  | { way: 'copy'; url: string; why: string }
  /** Nothing to open here, with the sentence why ('' for reading material). */
  | { way: 'none'; why: string };

export const COPY_WHY = '这个网站不能在小程序内打开（小程序只能打开园区登记过的网站），点按钮复制链接后，请粘贴到手机浏览器中打开。';
export const CHANNELS_ONLY_IN_WECHAT = '这是视频号视频，请在微信小程序中打开观看。';

/** The parsed https address, or null (bad, not https, with a user name or a port). */
function httpsUrl(raw: string): { host: string; href: string } | null {
  const m = /^(https?):\/\/([^/?#\s]+)([^\s]*)$/i.exec(raw.trim());
  if (!m) return null;
  const authority = m[2];
  if (authority.includes('@') || authority.includes(':')) return null;
  const host = authority.toLowerCase();
  // 公众号 links pasted as http:// are served over https by the same address.
  const scheme = m[1].toLowerCase();
  if (scheme !== 'https' && host !== OFFICIAL_ACCOUNT_HOST) return null;
  return { host, href: `https://${host}${m[3]}` };
}

/** True when `url` may be shown in our web-view page (https on a registered business domain). */
export function webviewAllowed(url: string, domains: readonly string[] = WEBVIEW_DOMAINS): boolean {
  const u = httpsUrl(url);
  return !!u && /^https:/i.test(url.trim()) && domains.includes(u.host);
}

/** Which way material `m` opens on `env`. */
export function materialOpening(m: OpenableMaterial, env: 'weapp' | 'h5', domains: readonly string[] = WEBVIEW_DOMAINS): MaterialOpening {
  const url = m.url.trim();
  if (m.kind === 'channels' && m.finderUserName && m.feedId) {
    if (env === 'weapp') return { way: 'channels', finderUserName: m.finderUserName, feedId: m.feedId, ...(m.nonceId ? { nonceId: m.nonceId } : {}) };
    // A browser cannot play a 视频号 video; the manager may have given a web address too.
    return url ? { way: 'browser', url } : { way: 'none', why: CHANNELS_ONLY_IN_WECHAT };
  }
  if (!url) return { way: 'none', why: '' };
  if (env === 'h5') return { way: 'browser', url };
  const u = httpsUrl(url);
  if (u?.host === OFFICIAL_ACCOUNT_HOST) return { way: 'article', url: u.href };
  if (u && webviewAllowed(url, domains)) return { way: 'webview', url: u.href };
  return { way: 'copy', url, why: COPY_WHY };
}

/** The button's words for an opening. */
export function openingLabel(o: MaterialOpening, kind: MaterialKind): string {
  switch (o.way) {
    case 'article':
      return '阅读公众号文章';
    case 'channels':
      return '观看视频号视频';
    case 'copy':
      return '复制链接';
    default:
      return kind === 'video' || kind === 'channels' ? '观看视频' : '打开链接';
  }
}
