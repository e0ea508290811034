import fs from 'fs';
import path from 'path';
import { ROUTES, TAB_ROUTES } from './domain/routes';

type AppConfig = {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
  tabBar: { list: Array<{ pagePath: string; text: string; iconPath: string; selectedIconPath: string }> };
  __usePrivacyCheck__?: boolean;
};

function loadConfig(env: 'weapp' | 'h5'): AppConfig {
  const old = process.env.TARO_ENV;
  process.env.TARO_ENV = env;
  (globalThis as Record<string, unknown>).defineAppConfig = (c: unknown) => c;
  try {
    let cfg!: AppConfig;
    jest.isolateModules(() => {
      cfg = require('./app.config').default;
    });
    return cfg;
  } finally {
    process.env.TARO_ENV = old;
  }
}

describe('app.config', () => {
  const weapp = loadConfig('weapp');
  const h5 = loadConfig('h5');
  const allPages = (c: AppConfig) => [
    ...c.pages.map((p) => `/${p}`),
    ...c.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`)),
  ];

  it('declares every route the app navigates to (demo-login in h5 only)', () => {
    for (const r of Object.values(ROUTES)) {
      expect(allPages(h5)).toContain(r);
      if (r !== ROUTES.demoLogin) expect(allPages(weapp)).toContain(r);
    }
    expect(allPages(weapp)).not.toContain(ROUTES.demoLogin);
  });

  it('has the four tabs with existing PNG icons', () => {
    expect(weapp.tabBar.list.map((t) => t.text)).toEqual(['首页', '服务', '学习', '我的']);
    expect(weapp.tabBar.list.map((t) => `/${t.pagePath}`)).toEqual(TAB_ROUTES);
    for (const t of weapp.tabBar.list) {
      for (const icon of [t.iconPath, t.selectedIconPath]) {
        expect(fs.existsSync(path.join(__dirname, icon))).toBe(true);
      }
    }
  });

  it('turns on WeChat privacy checks for weapp', () => {
    expect(weapp.__usePrivacyCheck__).toBe(true);
  });

  it('declares every page a cloud function\'s message or link opens', () => {
    // Messages (outbox rows, subscribe messages, QR codes) carry page paths written in the functions'
    // code; a path no page answers opens a blank 页面不存在 on the phone.
    const pages = new Set(allPages(weapp).map((p) => p.replace(/^\//, '')));
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
          for (const m of fs.readFileSync(f, 'utf8').matchAll(/\/?((?:packages|pages)\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/index)\b/g)) found.add(m[1]);
        }
      }
    };
    walk(path.join(__dirname, '..', 'cloudfunctions'));
    walk(path.join(__dirname, '..', 'server'));
    expect(found.size).toBeGreaterThan(5);
    expect([...found].filter((p) => !pages.has(p))).toEqual([]);
  });

  it('keeps every sub-package page file on disk', () => {
    for (const s of weapp.subPackages) {
      for (const p of s.pages) expect(fs.existsSync(path.join(__dirname, s.root, `${p}.tsx`))).toBe(true);
    }
  });
});
