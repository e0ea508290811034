/**
 * Study materials open inside WeChat (findings G-10), in the weapp sandbox of sim.ts: a 公众号 article
 * with wx.openOfficialAccountArticle inside the tap, a 视频号 video with wx.openChannelsActivity, a
 * registered business domain in our web-view page, and any other site by copying its link with the
 * reason. Before G-10 every link was copied (only setClipboardData was called).
 */
import { JOINT_TOPIC, STUDY_DEMO } from '../../local/seed-study';
import { WEBVIEW_DOMAINS } from '../../src/domain/studyOpen';
import { bootSim, problemsOf, useWeappGateway } from './harness';
import { findNode } from './sim';

jest.setTimeout(120_000);

const h = useWeappGateway();

const material = (id: string) => {
  const m = JOINT_TOPIC.materials.find((x) => x.id === id);
  if (!m) throw new Error(`seed material ${id} is gone`);
  return m;
};
const ARTICLE = material('mjoint04');
const VIDEO = material('mjoint05');
const SITE = material('mjoint03');
const page = 'packages/study/material/index';
const params = (id: string) => ({ groupId: STUDY_DEMO.jointGroup, id });
// Taro's template shortens attribute names (web-view's src is `p0`): look for the value.
const holds = (url: string) => (n: Record<string, unknown>) => Object.values(n).includes(url);
const calls = (r: { wx: { api: string; arg: string; inTap: boolean }[] }, api: string) => r.wx.filter((w) => w.api === api);

it('a 公众号 article opens in WeChat’s reader, called inside the tap with its address; nothing is copied', async () => {
  expect(ARTICLE.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\//);
  const sim = await bootSim(h.gw, 'demo-member');
  try {
    const r = await sim.openPage(page, params(ARTICLE.id));
    expect(r.text.join(' ')).toContain(ARTICLE.title);
    expect(await sim.tapText(r, '阅读公众号文章')).toBe(true);
    const opened = calls(r, 'openOfficialAccountArticle');
    expect(opened).toHaveLength(1);
    expect(opened[0].inTap).toBe(true);
    expect(opened[0].arg).toContain(ARTICLE.url);
    expect(calls(r, 'setClipboardData')).toEqual([]);
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('when WeChat cannot open the article (an older WeChat), its link is copied with a sentence on where to paste it', async () => {
  const sim = await bootSim(h.gw, 'demo-member', {
    overrides: {
      openOfficialAccountArticle: (o: { fail?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
        const res = { errMsg: 'openOfficialAccountArticle:fail not supported' };
        setTimeout(() => {
          o.fail?.(res);
          o.complete?.(res);
        }, 0);
      },
    },
  });
  try {
    const r = await sim.openPage(page, params(ARTICLE.id));
    await sim.tapText(r, '阅读公众号文章', { quietMs: 300 });
    expect(calls(r, 'setClipboardData').map((c) => c.arg)).toEqual([expect.stringContaining(ARTICLE.url)]);
    expect(calls(r, 'showToast').map((c) => c.arg).join(' ')).toContain('粘贴到微信聊天');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('a 视频号 video opens in 视频号 with its id and feedId', async () => {
  const sim = await bootSim(h.gw, 'demo-member');
  try {
    const r = await sim.openPage(page, params(VIDEO.id));
    expect(await sim.tapText(r, '观看视频号视频')).toBe(true);
    const opened = calls(r, 'openChannelsActivity');
    expect(opened).toHaveLength(1);
    expect(opened[0].arg).toContain(VIDEO.finderUserName!);
    expect(opened[0].arg).toContain(VIDEO.feedId!);
    expect(calls(r, 'setClipboardData')).toEqual([]);
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('another site (共产党员网) is copied, and the page says why it cannot open inside', async () => {
  const sim = await bootSim(h.gw, 'demo-member');
  try {
    const r = await sim.openPage(page, params(SITE.id));
    expect(r.text.join(' ')).toContain('园区登记过的网站');
    await sim.tapText(r, '复制链接', { quietMs: 300 });
    expect(calls(r, 'setClipboardData').map((c) => c.arg)).toEqual([expect.stringContaining(SITE.url)]);
    expect(calls(r, 'openOfficialAccountArticle')).toEqual([]);
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('the web-view page shows a registered business domain and refuses any other address', async () => {
  const sim = await bootSim(h.gw, 'demo-member');
  try {
    const url = `https://${WEBVIEW_DOMAINS[0]}/study/2026?x=1`;
    const ok = await sim.openPage('packages/study/webview/index', { url: encodeURIComponent(url), title: encodeURIComponent('园区党建') });
    expect(findNode(ok.instance.data.root, holds(url))).not.toBeNull();
    expect(problemsOf(ok)).toEqual([]);
    const other = await sim.openPage('packages/study/webview/index', { url: encodeURIComponent('https://evil.example/') });
    expect(findNode(other.instance.data.root, holds('https://evil.example/'))).toBeNull();
    expect(other.text.join(' ')).toContain('无法在小程序内打开');
    expect(problemsOf(other)).toEqual([]);
  } finally {
    sim.close();
  }
});
