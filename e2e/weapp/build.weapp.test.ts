/**
 * The weapp build as WeChat's tools see it, without DevTools:
 *  - every .wxml/.wxs compiles with wcc and every .wxss with wcsc (miniprogram-compiler's Linux
 *    binaries), and the compiled templates render the tab pages' data with all their text;
 *  - every page route written in the app's JS is a page of app.json (the navigation calls themselves
 *    are validated as pages open and as the flows tap);
 *  - a page that uses usePullDownRefresh enables it in its page config (WeChat never fires the hook otherwise);
 *  - app.json points at a sitemap.json that exists and says which pages WeChat may index.
 */
import fs from 'fs';
import path from 'path';
import { compileWxml, compileWxss, loadGwx, renderPage, type Gwx } from './compile';
import { bootSim, DIST, problemsOf, useWeappGateway, weappPages } from './harness';

jest.setTimeout(120_000);

const appJson = () => JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'));
const read = (f: string) => fs.readFileSync(path.join(DIST, f), 'utf8');
const jsFiles = () => {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(DIST, d), { withFileTypes: true })) {
      const f = d ? `${d}/${e.name}` : e.name;
      if (e.isDirectory()) walk(f);
      else if (f.endsWith('.js')) out.push(f);
    }
  };
  walk('');
  return out;
};

describe('WeChat compilers', () => {
  let gwx: Gwx;
  const h = useWeappGateway();

  it('wcc compiles every .wxml and .wxs file', () => {
    const r = compileWxml(DIST);
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
    expect(r.files).toBeGreaterThan(80);
    gwx = loadGwx(r.out);
  });

  it('wcsc compiles every .wxss file', () => {
    const r = compileWxss(DIST);
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
    expect(r.files).toBeGreaterThan(80);
  });

  it('the compiled templates render all the text of the tab pages and the admin hub', async () => {
    expect(gwx).toBeDefined();
    const sim = await bootSim(h.gw, 'demo-admin');
    try {
      for (const route of [...appJson().tabBar.list.map((t: { pagePath: string }) => t.pagePath), 'packages/admin/index/index']) {
        const r = await sim.openPage(route);
        const view = renderPage(gwx, route, r.instance.data);
        expect(r.text.length).toBeGreaterThan(3);
        expect({ route, missing: r.text.filter((t) => !view.text.includes(t)) }).toEqual({ route, missing: [] });
      }
    } finally {
      sim.close();
    }
  });
});

describe('package rules', () => {
  it('every page route written in the JS is a page of app.json (the calls themselves are checked as pages open)', () => {
    const pages = new Set(weappPages());
    const tabs = new Set(appJson().tabBar.list.map((t: { pagePath: string }) => t.pagePath));
    const unknown = new Set<string>();
    const found = new Set<string>();
    for (const f of jsFiles()) {
      const src = read(f);
      for (const m of src.matchAll(/["'`]\/?((?:pages|packages)\/[a-z0-9_\-/]+\/index)(?:\?[^"'`]*)?["'`]/g)) {
        found.add(m[1]);
        // demo-login is h5 only; the weapp build keeps its route constant but never opens it.
        if (!pages.has(m[1]) && m[1] !== 'pages/demo-login/index') unknown.add(`${m[1]} (in ${f})`);
      }
    }
    expect([...unknown]).toEqual([]);
    expect(found.size).toBeGreaterThan(50);
    for (const t of tabs) expect(pages.has(t as string)).toBe(true);
  });

  it('every page that uses usePullDownRefresh has enablePullDownRefresh in its config', () => {
    const missing = weappPages().filter((p) => /usePullDownRefresh/.test(read(`${p}.js`)) && !JSON.parse(read(`${p}.json`)).enablePullDownRefresh);
    expect(missing).toEqual([]);
  });

  it('app.json names a sitemap.json that exists; it lets WeChat index the public pages only', () => {
    const app = appJson();
    expect(app.sitemapLocation).toBe('sitemap.json');
    const sitemap = JSON.parse(read(app.sitemapLocation));
    const rules: { action: string; page: string }[] = sitemap.rules;
    expect(rules[rules.length - 1]).toEqual({ action: 'disallow', page: '*' });
    for (const r of rules.filter((x) => x.page !== '*')) expect(weappPages()).toContain(r.page);
  });
});

describe('the sandbox itself', () => {
  const h = useWeappGateway();
  const withBug = (bug: string) => (file: string, code: string) => (file === 'pages/services/index.js' ? `${code}\n;${bug}` : code);

  it.each([
    // WeChat's wrapper passes localStorage as undefined: "Cannot read properties of undefined (reading 'setItem')".
    ['a browser global (localStorage)', 'localStorage.setItem("k", "v")', /reading 'setItem'/],
    ['TextEncoder', 'new TextEncoder()', /TextEncoder/],
    ['dynamic code', 'Function("a", "return a")(1)', /not allowed/],
    ['an unhandled rejection', 'Promise.reject(new Error("lost reply"))', /lost reply/],
    ['a console.error', 'console.error("render failed")', /render failed/],
  ])('fails a page that uses %s, as a phone would', async (_, bug, message) => {
    const sim = await bootSim(h.gw, 'demo-visitor', { patchSource: withBug(bug) });
    try {
      const r = await sim.openPage('pages/services/index');
      expect(problemsOf(r).join('\n')).toMatch(message);
    } finally {
      sim.close();
    }
  });
});
