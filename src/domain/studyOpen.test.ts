import { COPY_WHY, CHANNELS_ONLY_IN_WECHAT, MATERIAL_KIND, materialOpening, openingLabel, WEBVIEW_DOMAINS, webviewAllowed } from './study';

const ARTICLE = 'https://mp.weixin.qq.com/s/AbCdEf123';
const PARK = ['dangjian.park.example'];

describe('which way a study material opens (G-10)', () => {
  test('a_公众号_article_opens_in_WeChat’s_reader_and_an_http_one_is_sent_as_https', () => {
    expect(materialOpening({ kind: 'link', url: ARTICLE }, 'weapp')).toEqual({ way: 'article', url: ARTICLE });
    expect(materialOpening({ kind: 'link', url: ' http://MP.weixin.qq.com/s?__biz=MzA&mid=1#rd ' }, 'weapp')).toEqual({ way: 'article', url: 'https://mp.weixin.qq.com/s?__biz=MzA&mid=1#rd' });
    // A video kind pointing at an article still opens as an article.
    expect(materialOpening({ kind: 'video', url: ARTICLE }, 'weapp').way).toBe('article');
  });

  test('a_视频号_video_opens_with_its_id_and_feedId_and_the_nonceId_only_when_given', () => {
    expect(materialOpening({ kind: 'channels', url: '', finderUserName: 'sphAbc123', feedId: 'export/UzFfAgtg' }, 'weapp')).toEqual({ way: 'channels', finderUserName: 'sphAbc123', feedId: 'export/UzFfAgtg' });
    expect(materialOpening({ kind: 'channels', url: '', finderUserName: 'sphAbc123', feedId: 'f1234567', nonceId: '123' }, 'weapp')).toEqual({ way: 'channels', finderUserName: 'sphAbc123', feedId: 'f1234567', nonceId: '123' });
  });

  test('a_registered_business_domain_opens_in_the_web_view_page_and_only_over_https_on_that_exact_host', () => {
    expect(materialOpening({ kind: 'link', url: 'https://dangjian.park.example/a?b=1' }, 'weapp', PARK)).toEqual({ way: 'webview', url: 'https://dangjian.park.example/a?b=1' });
    expect(materialOpening({ kind: 'link', url: 'http://dangjian.park.example/a' }, 'weapp', PARK).way).toBe('copy');
    expect(materialOpening({ kind: 'link', url: 'https://evil.dangjian.park.example/' }, 'weapp', PARK).way).toBe('copy');
    expect(materialOpening({ kind: 'link', url: 'https://dangjian.park.example:8443/' }, 'weapp', PARK).way).toBe('copy');
    expect(materialOpening({ kind: 'link', url: 'https://dangjian.park.example@evil.example/' }, 'weapp', PARK).way).toBe('copy');
    expect(webviewAllowed('https://dangjian.park.example/x', PARK)).toBe(true);
    expect(webviewAllowed('https://www.12371.cn/', PARK)).toBe(false);
    expect(webviewAllowed('javascript:alert(1)', PARK)).toBe(false);
    // The configured list is used by default.
    expect(webviewAllowed(`https://${WEBVIEW_DOMAINS[0]}/`)).toBe(true);
  });

  test('other_sites_are_copied_with_the_reason', () => {
    expect(materialOpening({ kind: 'link', url: 'https://www.12371.cn/' }, 'weapp', PARK)).toEqual({ way: 'copy', url: 'https://www.12371.cn/', why: COPY_WHY });
    expect(materialOpening({ kind: 'video', url: 'https://www.xuexi.cn/' }, 'weapp', PARK).way).toBe('copy');
    expect(COPY_WHY).toMatch(/浏览器/);
  });

  test('the_browser_build_opens_every_address_in_a_new_tab_and_says_a_视频号_video_needs_WeChat', () => {
    expect(materialOpening({ kind: 'link', url: ARTICLE }, 'h5')).toEqual({ way: 'browser', url: ARTICLE });
    expect(materialOpening({ kind: 'link', url: 'https://www.12371.cn/' }, 'h5')).toEqual({ way: 'browser', url: 'https://www.12371.cn/' });
    expect(materialOpening({ kind: 'channels', url: '', finderUserName: 'sphAbc123', feedId: 'f1234567' }, 'h5')).toEqual({ way: 'none', why: CHANNELS_ONLY_IN_WECHAT });
    expect(materialOpening({ kind: 'channels', url: 'https://example.org/v', finderUserName: 'sphAbc123', feedId: 'f1234567' }, 'h5')).toEqual({ way: 'browser', url: 'https://example.org/v' });
  });

  test('reading_material_has_nothing_to_open', () => {
    expect(materialOpening({ kind: 'text', url: '' }, 'weapp')).toEqual({ way: 'none', why: '' });
    expect(materialOpening({ kind: 'text', url: '' }, 'h5')).toEqual({ way: 'none', why: '' });
  });

  test('the_button_says_what_happens', () => {
    expect(openingLabel({ way: 'article', url: ARTICLE }, 'link')).toBe('阅读公众号文章');
    expect(openingLabel({ way: 'channels', finderUserName: 'sphA', feedId: 'f' }, 'channels')).toBe('观看视频号视频');
    expect(openingLabel({ way: 'copy', url: 'x', why: '' }, 'video')).toBe('复制链接');
    expect(openingLabel({ way: 'browser', url: 'x' }, 'video')).toBe('观看视频');
    expect(openingLabel({ way: 'webview', url: 'x' }, 'link')).toBe('打开链接');
    expect(MATERIAL_KIND.channels.label).toBe('视频号');
  });
});
