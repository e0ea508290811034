/**
 * weapp-sim: runs the Taro weapp build (dist/) headlessly in Node, without WeChat DevTools.
 *
 * It recreates the mini-program's *logic layer* (the "app service"):
 *  - one vm context holding only what WeChat's JS environment has: ECMAScript built-ins, console,
 *    timers and the globals wx / App / Page / Component / Behavior / getApp / getCurrentPages /
 *    requirePlugin / __wxConfig — no window, document, fetch, URL, TextEncoder, localStorage,
 *    setImmediate …;
 *  - WeChat's module system: require() relative to the requiring file, each file wrapped the way
 *    WeChat wraps it (window, document, navigator, localStorage, XMLHttpRequest … are undefined
 *    parameters; `Function` allows only `Function('return this')`);
 *  - a `wx` with every API name of miniprogram-api-typings (Taro exposes Taro.x only when wx.x
 *    exists at start-up), every call recorded; navigation validated against app.json (missing page,
 *    navigateTo/redirectTo a tab page, switchTab to a non-tab page); `wx.cloud.callFunction` sent to
 *    the local gateway (POST /api/<name> with X-WX-OPENID);
 *  - page instances with WeChat's setData path semantics ("root.cn.[0].v"), onLoad/onShow/onReady,
 *    taps and inputs delivered through Taro's `eh` handler the way WeChat bubbles them, and a strict
 *    Canvas 2D fake (only the standard members, as `<canvas type="2d">` gives).
 * The view layer is not executed here: render.ts turns page data into WXML output with wcc.
 * Ported from the prototype in shared/reference/weapp-sim (issue 17).
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import vm from 'vm';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/** Every `wx.*` name WeChat declares (interface Wx of miniprogram-api-typings). */
export function wxApiNames(): string[] {
  const file = require.resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts');
  const src = fs.readFileSync(file, 'utf8');
  let body = src.slice(src.indexOf('interface Wx {')).replace(/\/\*[\s\S]*?\*\//g, '');
  let depth = 0;
  let end = 0;
  for (; end < body.length; end++) {
    if (body[end] === '{') depth++;
    else if (body[end] === '}' && --depth === 0) break;
  }
  body = body.slice(0, end);
  const names = new Set<string>();
  for (const line of body.split('\n')) {
    const m = /^ {8}([A-Za-z_]\w*)\s*[(<:?]/.exec(line);
    if (m) names.add(m[1]);
  }
  return [...names];
}
let apiNames: string[] | null = null;

// ---------- helpers ----------
export function parsePath(p: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const seg of p.split('.')) {
    if (seg === '') continue;
    const re = /([^[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg))) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  return out;
}
function setPath(obj: Any, p: string, value: unknown): void {
  const keys = parsePath(p);
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = typeof keys[i + 1] === 'number' ? [] : {};
    cur = cur[k];
  }
  cur[keys[keys.length - 1]] = clone(value);
}
function clone<T>(v: T): T {
  if (v === undefined) return v;
  try {
    return JSON.parse(JSON.stringify(v));
  } catch {
    return v;
  }
}
export function short(v: unknown, n = 160): string {
  let s: string | undefined;
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    s = String(v);
  }
  if (s === undefined) s = String(v);
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stackOf = (e: Any) => String((e && e.stack) || '').split('\n').slice(0, 6).join('\n');

/** All text a serialized Taro tree shows (text nodes carry `v`). */
export function collectText(node: Any, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  if (typeof node.v === 'string' || typeof node.v === 'number') out.push(String(node.v));
  if (Array.isArray(node.cn)) node.cn.forEach((c: Any) => collectText(c, out));
  return out;
}
/** Depth and widest fan-out of a serialized Taro tree (text nodes count as children, as in WXML). */
export function treeShape(node: Any, level = 0): { depth: number; maxChildren: number } {
  if (!node || typeof node !== 'object') return { depth: 0, maxChildren: 0 };
  const cn: Any[] = Array.isArray(node.cn) ? node.cn : [];
  let depth = level;
  let maxChildren = cn.length;
  for (const c of cn) {
    const s = treeShape(c, level + 1);
    depth = Math.max(depth, s.depth);
    maxChildren = Math.max(maxChildren, s.maxChildren);
  }
  return { depth, maxChildren };
}
export function countNodes(node: Any): number {
  if (!node || typeof node !== 'object') return 0;
  let n = 1;
  if (Array.isArray(node.cn)) for (const c of node.cn) n += countNodes(c);
  return n;
}
/** The chain root → first node matching `pred`. */
export function findNode(node: Any, pred: (n: Any) => boolean, chain: Any[] = []): Any[] | null {
  if (!node || typeof node !== 'object') return null;
  if (pred(node)) return [...chain, node];
  for (const c of node.cn || []) {
    const r = findNode(c, pred, [...chain, node]);
    if (r) return r;
  }
  return null;
}

// ---------- stubs ----------
/** A chainable stub for the objects that create… and get…Manager APIs return. */
function stubObject(name: string, log?: (api: string, args: unknown[]) => void): Any {
  const target = function () {};
  const p: Any = new Proxy(target, {
    get(_, key) {
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => `[stub ${name}]`;
      return (...args: unknown[]) => {
        log?.(`${name}.${String(key)}`, args);
        return p;
      };
    },
    apply() {
      return p;
    },
  });
  return p;
}

/** A recording 2D context with exactly the members of the standard CanvasRenderingContext2D (what
 * WeChat's <canvas type="2d"> returns); anything else reads as undefined, so calling an old
 * wx.createCanvasContext-style method (setFillStyle, draw …) throws as it would on a phone. */
const CTX2D_METHODS = new Set(
  'arc arcTo beginPath bezierCurveTo clearRect clip closePath createImageData createLinearGradient createPattern createRadialGradient drawImage ellipse fill fillRect fillText getImageData getLineDash getTransform isPointInPath isPointInStroke lineTo measureText moveTo putImageData quadraticCurveTo rect resetTransform restore rotate save scale setLineDash setTransform stroke strokeRect strokeText transform translate'.split(' '),
);
export interface CanvasRecord {
  calls: string[];
  unknown: string[];
}
function fakeContext2D(rec: CanvasRecord): Any {
  const state: Record<string, unknown> = {
    fillStyle: '#000', strokeStyle: '#000', font: '10px sans-serif', lineWidth: 1, lineCap: 'butt', lineJoin: 'miter', miterLimit: 10,
    lineDashOffset: 0, textAlign: 'start', textBaseline: 'alphabetic', globalAlpha: 1, globalCompositeOperation: 'source-over',
    shadowBlur: 0, shadowColor: 'rgba(0,0,0,0)', shadowOffsetX: 0, shadowOffsetY: 0, imageSmoothingEnabled: true, direction: 'inherit',
  };
  return new Proxy(state, {
    get(t, key) {
      if (key in t) return t[key as string];
      if (typeof key !== 'string') return undefined;
      if (key === 'measureText') return (s: unknown) => ({ width: String(s).length * 7 });
      if (key === 'createLinearGradient' || key === 'createRadialGradient' || key === 'createPattern') return () => ({ addColorStop() {} });
      if (key === 'getImageData' || key === 'createImageData')
        return (_x: number, _y: number, w: number, h: number) => ({ data: new Uint8ClampedArray(Math.max(1, (w || 1) * (h || 1) * 4)), width: w, height: h });
      if (key === 'getLineDash') return () => [];
      if (CTX2D_METHODS.has(key)) return () => void rec.calls.push(key);
      if (key !== 'then') rec.unknown.push(key);
      return undefined;
    },
    set(t, key, v) {
      t[key as string] = v;
      return true;
    },
  });
}
function fakeCanvasNode(rec: CanvasRecord): Any {
  return {
    width: 300,
    height: 150,
    getContext: (kind: string) => {
      rec.calls.push(`getContext(${kind})`);
      return fakeContext2D(rec);
    },
    createImage: () => ({
      _src: '',
      set src(v: string) {
        this._src = v;
        setTimeout(() => (this as Any).onload?.(), 0);
      },
      get src() {
        return this._src;
      },
      width: 100,
      height: 100,
    }),
    requestAnimationFrame: (cb: () => void) => setTimeout(cb, 16),
    cancelAnimationFrame: (id: NodeJS.Timeout) => clearTimeout(id),
    toDataURL: () => 'data:image/png;base64,',
  };
}

// ---------- records ----------
export interface CloudCall {
  name: string;
  action: string;
  params: string;
  /** `{ action, params }` as the contract wants. */
  shapeOk: boolean;
  beforeInit?: boolean;
  reply: string | null;
  inTap: boolean;
}
export interface NavRecord {
  api: string;
  url?: string;
  ok: boolean;
  problem: string | null;
}
export interface PageRecord {
  route: string;
  query: Record<string, string>;
  status: 'ok' | 'threw' | 'blank' | 'errors';
  errors: { kind: string; message: string; stack?: string }[];
  console: { level: string; msg: string }[];
  wx: { api: string; arg: string; inTap: boolean }[];
  cloud: CloudCall[];
  nav: NavRecord[];
  canvas: CanvasRecord[];
  setData: number;
  setDataBytes: number;
  /** The largest single setData payload (JSON bytes): WeChat's limit is 1 MB per call. */
  maxSetDataBytes: number;
  nodes: number;
  /** Deepest element of the rendered tree, the page's root at 1 (WeChat's audit asks for < 30). */
  depth: number;
  /** Most children under one element (WeChat's audit asks for ≤ 60). */
  maxChildren: number;
  text: string[];
  ms: number;
  /** `new Function(...)` bodies the page tried (WeChat refuses them). */
  dynamic?: string[];
  instance?: Any;
}

export interface SimOptions {
  dist: string;
  /** e.g. http://127.0.0.1:18102 */
  gateway: string;
  openid: string;
  /** Globals to add, e.g. { TextEncoder } to see what a polyfill would change. */
  extraGlobals?: Record<string, unknown>;
  /** Rewrites a dist file's code before it runs (e.g. a build-time constant). */
  patchSource?: (file: string, code: string) => string;
  /** `wx.*` implementations that replace the defaults. */
  overrides?: Record<string, (...args: Any[]) => unknown>;
}

export class WeappSim {
  readonly dist: string;
  readonly pages: string[];
  readonly tabPages: Set<string>;
  readonly appJson: Any;
  openid: string;
  overrides: Record<string, (...args: Any[]) => unknown>;
  privacyListener: ((resolve: (o: unknown) => void) => void) | null = null;
  appRecord: PageRecord;
  current: PageRecord | null = null;
  dynamicCode: { where: string; body: string }[] = [];
  storage = new Map<string, unknown>();
  cloudInit: unknown = null;
  private readonly opts: SimOptions;
  private moduleCache = new Map<string, { exports: Any }>();
  private pageConfigs: Record<string, Any> = {};
  private stack: Any[] = [];
  private pendingCalls = 0;
  private pendingTimers = 0;
  private shortTimers = new Set<NodeJS.Timeout>();
  private lastActivity = Date.now();
  private timers = new Set<NodeJS.Timeout>();
  private pageSeq = 0;
  private registered: { kind: string; cfg: Any } | null = null;
  private inTap = false;
  private appConfig: Any = null;
  private wx: Any;
  private ctx!: vm.Context;
  private FunctionShadow: Any;
  private detach: (() => void) | null = null;

  constructor(opts: SimOptions) {
    this.opts = opts;
    this.dist = path.resolve(opts.dist);
    this.openid = opts.openid;
    this.overrides = { ...(opts.overrides ?? {}) };
    this.appJson = JSON.parse(fs.readFileSync(path.join(this.dist, 'app.json'), 'utf8'));
    this.pages = appPages(this.appJson);
    this.tabPages = new Set((this.appJson.tabBar?.list || []).map((t: Any) => t.pagePath));
    this.appRecord = emptyRecord('app', {});
  }

  private rec(): PageRecord {
    return this.current || this.appRecord;
  }
  private touch(): void {
    this.lastActivity = Date.now();
  }

  // ----- wx -----
  private makeWx(): Any {
    const sim = this;
    const wx: Any = {};
    const log = (api: string, args: unknown[]) => void sim.rec().wx.push({ api, arg: short(args && args[0], 200), inTap: sim.inTap });
    const asyncOk = (api: string, opts: Any, res?: Any) => {
      const result = { errMsg: `${api}:ok`, ...(res || {}) };
      sim.touch();
      sim.later(() => {
        try {
          opts?.success?.(result);
        } finally {
          opts?.complete?.(result);
        }
      });
    };
    const asyncFail = (api: string, opts: Any, msg: string) => {
      const result = { errMsg: `${api}:fail ${msg}` };
      sim.later(() => {
        try {
          opts?.fail?.(result);
        } finally {
          opts?.complete?.(result);
        }
      });
    };
    const pageOf = (url: unknown) => String(url || '').split('?')[0].replace(/^\//, '');
    const nav = (api: string) => (opts: Any = {}) => {
      const target = pageOf(opts.url);
      let problem: string | null = null;
      if (api !== 'navigateBack') {
        if (!opts.url) problem = 'no url';
        else if (!String(opts.url).startsWith('/')) problem = `relative url "${opts.url}" (resolved against ${sim.current?.route})`;
        if (!sim.pages.includes(target)) problem = `page "${target}" is not found`;
        else if (api === 'switchTab' && !sim.tabPages.has(target)) problem = 'can not switchTab to no-tabBar page';
        else if ((api === 'navigateTo' || api === 'redirectTo') && sim.tabPages.has(target)) problem = `can not ${api} a tabbar page`;
      }
      sim.rec().nav.push({ api, url: opts.url, ok: !problem, problem });
      if (problem) asyncFail(api, opts, problem);
      else asyncOk(api, opts);
    };
    const sysInfo = {
      brand: 'devtools', model: 'iPhone 12', pixelRatio: 3, screenWidth: 390, screenHeight: 844, windowWidth: 390, windowHeight: 664,
      statusBarHeight: 47, language: 'zh_CN', version: '8.0.50', system: 'iOS 17.0', platform: 'ios', fontSizeSetting: 16,
      SDKVersion: '3.5.0', benchmarkLevel: 1, safeArea: { top: 47, bottom: 810, left: 0, right: 390, width: 390, height: 763 },
      theme: 'light', enableDebug: false, host: { env: 'WeChat' },
    };
    const special: Record<string, (...a: Any[]) => unknown> = {
      canIUse: () => true,
      getSystemInfoSync: () => ({ ...sysInfo }),
      getWindowInfo: () => ({ ...sysInfo }),
      getDeviceInfo: () => ({ ...sysInfo }),
      getAppBaseInfo: () => ({ SDKVersion: '3.5.0', language: 'zh_CN', version: '8.0.50', theme: 'light', fontSizeSetting: 16, enableDebug: false, host: { env: 'WeChat' } }),
      getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
      getAppAuthorizeSetting: () => ({}),
      getAccountInfoSync: () => ({ miniProgram: { appId: 'wx0000000000000000', envVersion: 'develop', version: '' } }),
      getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, right: 380, bottom: 83, left: 293 }),
      getEnterOptionsSync: () => ({ path: sim.current?.route || 'pages/index/index', query: sim.current?.query || {}, scene: 1001, referrerInfo: {} }),
      getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {} }),
      getStorageSync: (k: string) => (sim.storage.has(k) ? clone(sim.storage.get(k)) : ''),
      setStorageSync: (k: string, v: unknown) => void sim.storage.set(k, clone(v)),
      removeStorageSync: (k: string) => void sim.storage.delete(k),
      clearStorageSync: () => sim.storage.clear(),
      getStorageInfoSync: () => ({ keys: [...sim.storage.keys()], currentSize: 1, limitSize: 10240 }),
      getStorage: (o: Any) => (sim.storage.has(o.key) ? asyncOk('getStorage', o, { data: clone(sim.storage.get(o.key)) }) : asyncFail('getStorage', o, 'data not found')),
      setStorage: (o: Any) => {
        sim.storage.set(o.key, clone(o.data));
        asyncOk('setStorage', o);
      },
      removeStorage: (o: Any) => {
        sim.storage.delete(o.key);
        asyncOk('removeStorage', o);
      },
      nextTick: (cb: () => void) => Promise.resolve().then(cb),
      navigateTo: nav('navigateTo'),
      redirectTo: nav('redirectTo'),
      switchTab: nav('switchTab'),
      reLaunch: nav('reLaunch'),
      navigateBack: nav('navigateBack'),
      showModal: (o: Any) => asyncOk('showModal', o, { confirm: false, cancel: true }),
      createSelectorQuery: () => sim.selectorQuery(),
      createIntersectionObserver: () => stubObject('IntersectionObserver'),
      getFileSystemManager: () => stubObject('FileSystemManager', log),
      getUpdateManager: () => stubObject('UpdateManager'),
      getLogManager: () => stubObject('LogManager'),
      getRealtimeLogManager: () => stubObject('RealtimeLogManager'),
      getPrivacySetting: (o: Any) => asyncOk('getPrivacySetting', o, { needAuthorization: false, privacyContractName: '《红色园区小程序隐私保护指引》' }),
      onNeedPrivacyAuthorization: (fn: Any) => {
        sim.privacyListener = fn;
      },
      login: (o: Any) => asyncOk('login', o, { code: 'mock-code' }),
      request: (o: Any) => {
        sim.rec().errors.push({ kind: 'wx.request', message: `wx.request(${o && o.url}) — the app should use wx.cloud` });
        asyncFail('request', o, 'blocked in harness');
        return stubObject('RequestTask');
      },
      scanCode: (o: Any) => asyncFail('scanCode', o, 'cancel'),
      canvasToTempFilePath: (o: Any) => asyncOk('canvasToTempFilePath', o, { tempFilePath: 'http://tmp/canvas.png' }),
      // WeChat's base library checks the parameter types before asking the person (title: String,
      // startTime: Number — unix seconds; the optional ones typed too), and fails with its
      // "parameter error" sentence; then the person confirms in WeChat's own sheet (taken as yes).
      // WeChat documents addPhoneCalendar as 「仅在点击行为时调用」: outside a tap it fails.
      // 「必须有点击行为才能调用成功」 (WeChat's documentation of openOfficialAccountArticle).
      openOfficialAccountArticle: (o: Any) => {
        if (!sim.inTap) return asyncFail('openOfficialAccountArticle', o, 'can only be invoked by user TAP gesture.');
        if (!/^https:\/\/mp\.weixin\.qq\.com\//.test(String(o?.url ?? ''))) return asyncFail('openOfficialAccountArticle', o, 'invalid url');
        return asyncOk('openOfficialAccountArticle', o);
      },
      // Base library 2.19.2: both ids are required strings.
      openChannelsActivity: (o: Any) => {
        if (typeof o?.finderUserName !== 'string' || typeof o?.feedId !== 'string') return asyncFail('openChannelsActivity', o, 'parameter error');
        return asyncOk('openChannelsActivity', o);
      },
      addPhoneCalendar: (o: Any) => {
        if (!sim.inTap) return asyncFail('addPhoneCalendar', o, 'can only be invoked by user TAP gesture.');
        const typeName = (v: unknown) => (v === undefined ? 'Undefined' : v === null ? 'Null' : Array.isArray(v) ? 'Array' : (typeof v).replace(/^./, (c) => c.toUpperCase()));
        const want: [string, string, boolean][] = [['title', 'String', true], ['startTime', 'Number', true], ['endTime', 'Number', false], ['allDay', 'Boolean', false],
          ['description', 'String', false], ['location', 'String', false], ['alarm', 'Boolean', false], ['alarmOffset', 'Number', false]];
        const bad = want.filter(([k, t, required]) => (required || o?.[k] !== undefined) && typeName(o?.[k]) !== t);
        if (bad.length) return asyncFail('addPhoneCalendar', o, `parameter error: ${bad.map(([k, t]) => `parameter.${k} should be ${t} instead of ${typeName(o?.[k])};`).join(' ')}`);
        return asyncOk('addPhoneCalendar', o);
      },
    };
    apiNames ??= wxApiNames();
    for (const name of apiNames) {
      if (name === 'env' || name === 'cloud') continue;
      const impl = special[name];
      wx[name] = function (...args: Any[]) {
        log(name, args);
        if (sim.overrides[name]) return sim.overrides[name](...args);
        if (impl) return impl(...args);
        if (/^create/.test(name) || /^get[A-Z].*(Context|Manager|Task|Observer|Animation|Recorder)$/.test(name)) return stubObject(name);
        if (/Sync$/.test(name)) return undefined;
        if (/^(on|off)[A-Z]/.test(name)) return undefined;
        asyncOk(name, args[0]);
        return undefined;
      };
    }
    wx.env = { USER_DATA_PATH: 'http://usr' };
    wx.cloud = {
      init: (opts: unknown) => {
        log('cloud.init', [opts]);
        sim.cloudInit = opts || {};
      },
      callFunction: (opts: Any) => sim.callFunction(opts),
      // As strict as cloud storage: a path relative to the bucket (no leading '/') and a local file;
      // the id has the real shape, cloud://<env>.<bucket>/<cloudPath>, which the functions check.
      uploadFile: (o: Any) => {
        log('cloud.uploadFile', [o]);
        if (!o || typeof o.cloudPath !== 'string' || !o.cloudPath || o.cloudPath.startsWith('/') || typeof o.filePath !== 'string' || !o.filePath) {
          sim.rec().errors.push({ kind: 'wx.cloud', message: `cloud.uploadFile needs a relative cloudPath and a filePath (got ${short(o, 120)})` });
          return Promise.reject({ errMsg: 'cloud.uploadFile:fail invalid cloudPath or filePath' });
        }
        const env = (sim.cloudInit as { env?: string } | null)?.env || 'redpark-sim-0a1b2c';
        return Promise.resolve({ fileID: `cloud://${env}.7265-${env}-1300000000/${o.cloudPath}`, statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
      },
      getTempFileURL: (o: Any) => {
        log('cloud.getTempFileURL', [o]);
        return Promise.resolve({ fileList: (o.fileList || []).map((f: string) => ({ fileID: f, tempFileURL: `https://mock/${f}`, status: 0 })) });
      },
      downloadFile: (o: Any) => {
        log('cloud.downloadFile', [o]);
        return Promise.resolve({ tempFilePath: 'http://tmp/mock', statusCode: 200 });
      },
      deleteFile: (o: Any) => {
        log('cloud.deleteFile', [o]);
        return Promise.resolve({ fileList: [] });
      },
      CloudID: (id: string) => ({ cloudID: id }),
    };
    return wx;
  }

  /** setTimeout that the simulator cancels on close. */
  private later(cb: () => void, ms = 0): void {
    this.pendingTimers++;
    const h = setTimeout(() => {
      this.timers.delete(h);
      if (this.shortTimers.delete(h)) this.pendingTimers--;
      this.touch();
      try {
        cb();
      } catch (e: Any) {
        this.rec().errors.push({ kind: 'uncaught in a wx callback', message: String(e && e.message), stack: stackOf(e) });
      }
    }, ms);
    this.timers.add(h);
    this.shortTimers.add(h);
  }

  private selectorQuery(): Any {
    const sim = this;
    const results: { sel: string; value: unknown }[] = [];
    const q: Any = {
      in: () => q,
      select: (sel: string) => nodes(sel, false),
      selectAll: (sel: string) => nodes(sel, true),
      selectViewport: () => nodes('viewport', false),
      exec(cb?: (v: unknown[]) => void) {
        sim.rec().wx.push({ api: 'SelectorQuery.exec', arg: results.map((r) => r.sel).join(','), inTap: sim.inTap });
        sim.later(() => cb?.(results.map((r) => r.value)));
        return q;
      },
    };
    function canvas(): CanvasRecord {
      const c: CanvasRecord = { calls: [], unknown: [] };
      sim.rec().canvas.push(c);
      return c;
    }
    function nodes(sel: string, all: boolean) {
      const r: { sel: string; value: unknown } = { sel, value: all ? [] : null };
      results.push(r);
      const rect = { id: String(sel).replace(/^#/, ''), dataset: {}, left: 0, top: 0, right: 345, bottom: 220, width: 345, height: 220 };
      const reply = (v: unknown, cb?: (v: unknown) => void) => {
        r.value = v;
        if (cb) sim.later(() => cb(v));
        return q;
      };
      return {
        boundingClientRect: (cb?: Any) => reply(all ? [rect] : rect, cb),
        fields(f: Any, cb?: Any) {
          const v: Any = { ...rect };
          if (f && f.node) v.node = fakeCanvasNode(canvas());
          return reply(all ? [v] : v, cb);
        },
        scrollOffset: (cb?: Any) => reply({ scrollLeft: 0, scrollTop: 0, scrollWidth: 390, scrollHeight: 800 }, cb),
        node: (cb?: Any) => reply({ node: fakeCanvasNode(canvas()) }, cb),
        context: (cb?: Any) => reply({ context: stubObject('ctx') }, cb),
      };
    }
    return q;
  }

  private callFunction(opts: Any): Promise<unknown> {
    const sim = this;
    const r = sim.rec();
    const name = opts?.name;
    const data = opts?.data;
    const entry: CloudCall = {
      name, action: data?.action, params: short(data?.params, 400), shapeOk: !!(data && typeof data.action === 'string' && 'params' in data), reply: null, inTap: sim.inTap,
    };
    if (!sim.cloudInit) entry.beforeInit = true;
    r.cloud.push(entry);
    r.wx.push({ api: 'cloud.callFunction', arg: `${name}.${entry.action}`, inTap: sim.inTap });
    sim.pendingCalls++;
    sim.touch();
    return new Promise((resolve, reject) => {
      // Shared-chat identity: WeChat replaces a top-level CloudID with { cloudID, data } before the function runs.
      const body = JSON.stringify(data);
      const u = new URL(`/api/${encodeURIComponent(name)}`, sim.opts.gateway);
      const req = http.request(
        u,
        { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-WX-OPENID': sim.openid, 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let reply: Any = null;
            try {
              reply = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              reply = null;
            }
            sim.pendingCalls--;
            sim.touch();
            entry.reply = reply && reply.ok ? 'ok' : `error ${reply?.error?.code}`;
            const result = { result: reply, errMsg: 'cloud.callFunction:ok', requestID: 'mock' };
            if (opts.success) sim.later(() => opts.success(result));
            resolve(result);
          });
        },
      );
      req.on('error', (e) => {
        sim.pendingCalls--;
        entry.reply = 'network error';
        reject({ errMsg: `cloud.callFunction:fail ${e.message}` });
      });
      req.end(body);
    });
  }

  // ----- the JS environment -----
  private makeContext(): void {
    const sim = this;
    const consoleProxy: Record<string, (...a: unknown[]) => void> = {};
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
      consoleProxy[level] = (...args: Any[]) => {
        const msg = args.map((a) => (a && a.stack && a.message ? `${a.message}\n${String(a.stack).split('\n').slice(1, 4).join('\n')}` : short(a, 400))).join(' ');
        sim.rec().console.push({ level, msg: msg.slice(0, 1500) });
      };
    }
    for (const k of ['group', 'groupEnd', 'time', 'timeEnd', 'table', 'trace']) consoleProxy[k] = () => {};
    const guard = (kind: string, cb: Any, a: unknown[]) => () => {
      try {
        cb(...a);
      } catch (e: Any) {
        sim.rec().errors.push({ kind: `uncaught in ${kind}`, message: String(e && e.message), stack: stackOf(e) });
      }
    };
    const sandbox: Record<string, unknown> = {
      console: consoleProxy,
      // A short timer is work in progress (React's scheduler, Taro's batching, a debounce): the page
      // has not settled while one is pending.
      setTimeout: (cb: Any, ms?: number, ...a: unknown[]) => {
        const short = !(Number(ms) > 100);
        if (short) sim.pendingTimers++;
        const h = setTimeout(() => {
          sim.timers.delete(h);
          if (short && sim.shortTimers.delete(h)) sim.pendingTimers--;
          sim.touch();
          guard('setTimeout', cb, a)();
        }, ms);
        sim.timers.add(h);
        if (short) sim.shortTimers.add(h);
        return h;
      },
      clearTimeout: (h: NodeJS.Timeout) => {
        sim.timers.delete(h);
        if (sim.shortTimers.delete(h)) sim.pendingTimers--;
        clearTimeout(h);
      },
      setInterval: (cb: Any, ms?: number, ...a: unknown[]) => {
        const h = setInterval(guard('setInterval', cb, a), ms);
        sim.timers.add(h);
        return h;
      },
      clearInterval: (h: NodeJS.Timeout) => {
        sim.timers.delete(h);
        clearInterval(h);
      },
      wx: this.wx,
      __wxConfig: { ...this.appJson, envVersion: 'develop', platform: 'ios', accountInfo: { appId: 'wx0000000000000000' } },
      App: (cfg: Any) => {
        sim.appConfig = cfg;
      },
      Page: (cfg: Any) => {
        sim.registered = { kind: 'Page', cfg };
      },
      Component: (cfg: Any) => {
        sim.registered = { kind: 'Component', cfg };
      },
      Behavior: (cfg: Any) => cfg,
      getApp: () => sim.appConfig,
      getCurrentPages: () => sim.stack.slice(),
      requirePlugin: (name: string) => {
        sim.rec().errors.push({ kind: 'requirePlugin', message: name });
        return {};
      },
      ...(this.opts.extraGlobals ?? {}),
    };
    this.ctx = vm.createContext(sandbox, { name: 'weapp-appservice' });
    // WeChat allows only Function('return this'); everything else is dynamic code and throws.
    this.FunctionShadow = vm.runInContext(
      `(function(record){
        var F = function Function() {
          var body = arguments.length ? String(arguments[arguments.length - 1]) : '';
          if (arguments.length <= 1 && /^\\s*return this;?\\s*$/.test(body)) return function(){ return globalThis; };
          record(body);
          throw new EvalError('new Function() is not allowed in WeChat mini-programs');
        };
        F.prototype = Function.prototype;
        return F;
      })`,
      this.ctx,
    )((body: string) => sim.dynamicCode.push({ where: sim.current?.route || 'app', body: short(body, 200) }));
  }

  require(from: string, request: string): Any {
    let target = request.startsWith('/') ? request.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), request));
    if (!target.endsWith('.js')) target += '.js';
    const cached = this.moduleCache.get(target);
    if (cached) return cached.exports;
    const file = path.join(this.dist, target);
    if (!fs.existsSync(file)) throw new Error(`module "${target}" is not defined (required from ${from})`);
    let code = fs.readFileSync(file, 'utf8');
    if (this.opts.patchSource) code = this.opts.patchSource(target, code);
    const module = { exports: {} as Any };
    this.moduleCache.set(target, module);
    const params = 'require, module, exports, window, document, frames, self, location, navigator, localStorage, history, Caches, screen, alert, confirm, prompt, XMLHttpRequest, WebSocket, Reporter, webkit, WeixinJSCore, Function';
    const wrapper = vm.runInContext(`(function (${params}) {${code}\n})`, this.ctx, { filename: target });
    const undef = new Array(params.split(',').length - 4).fill(undefined);
    wrapper.call(undefined, (r: string) => this.require(target, r), module, module.exports, ...undef, this.FunctionShadow);
    return module.exports;
  }

  /** Loads app.js and runs App's onLaunch/onShow; false (with appRecord.errors) when that fails. */
  async boot(): Promise<boolean> {
    this.wx = this.makeWx();
    this.makeContext();
    const onRejection = (reason: Any) => {
      this.rec().errors.push({ kind: 'unhandledrejection', message: String((reason && (reason.message || reason.errMsg)) || short(reason)), stack: stackOf(reason) });
    };
    // The real process (under jest, `process` is a stand-in whose listeners never hear of rejections).
    // While the simulator runs, a rejection nobody handled is recorded on the page that was open —
    // as WeChat reports it for the page — instead of failing whatever jest test runs, unattributed.
    const host: NodeJS.Process = vm.runInThisContext('process');
    const others = host.listeners('unhandledRejection') as ((...a: unknown[]) => void)[];
    host.removeAllListeners('unhandledRejection');
    host.on('unhandledRejection', onRejection);
    this.detach = () => {
      host.off('unhandledRejection', onRejection);
      for (const l of others) host.on('unhandledRejection', l);
    };
    try {
      this.require('', 'app.js');
    } catch (e: Any) {
      this.appRecord.errors.push({ kind: 'app.js threw', message: e.message, stack: stackOf(e) });
      return false;
    }
    if (!this.appConfig) {
      this.appRecord.errors.push({ kind: 'App() not called', message: 'app.js did not register App()' });
      return false;
    }
    const launch = { path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {} };
    for (const hook of ['onLaunch', 'onShow']) {
      try {
        this.appConfig[hook]?.call(this.appConfig, launch);
      } catch (e: Any) {
        this.appRecord.errors.push({ kind: `App.${hook} threw`, message: e.message, stack: stackOf(e) });
      }
    }
    await sleep(30);
    return true;
  }

  /** Waits until no cloud call is pending and nothing happened for `quietMs`. */
  private async settle(quietMs: number, maxMs: number): Promise<number> {
    const t0 = Date.now();
    this.touch();
    while (Date.now() - t0 < maxMs) {
      await sleep(10);
      if (this.pendingCalls === 0 && this.pendingTimers === 0 && Date.now() - this.lastActivity > quietMs) break;
    }
    return Date.now() - t0;
  }

  /** Loads one page as WeChat does (page module → Page() → instance → onLoad/onShow/onReady) and lets it settle. */
  async openPage(route: string, query: Record<string, string> = {}, { quietMs = 40, maxMs = 8000 } = {}): Promise<PageRecord> {
    const rec = emptyRecord(route, query);
    this.current = rec;
    // The previous page goes away (redirect semantics).
    for (const p of this.stack.splice(0)) {
      try {
        p.onUnload?.();
      } catch {
        /* recorded on its own record */
      }
    }
    await sleep(5);
    this.registered = null;
    let cfg = this.pageConfigs[route];
    if (!cfg) {
      try {
        this.require('', `${route}.js`);
        if (!this.registered) throw new Error('page module did not call Page() (a webpack chunk it waits for never loaded?)');
        cfg = this.pageConfigs[route] = (this.registered as { cfg: Any }).cfg;
      } catch (e: Any) {
        rec.status = 'threw';
        rec.errors.push({ kind: 'load', message: e.message, stack: stackOf(e) });
        this.current = null;
        return rec;
      }
    }
    const sim = this;
    const inst: Any = Object.assign({}, cfg);
    inst.data = clone(cfg.data || {});
    inst.route = inst.__route__ = route;
    inst.options = { ...query };
    inst.__wxWebviewId__ = ++this.pageSeq;
    inst.__wxExparserNodeId__ = `page-${this.pageSeq}`;
    inst.setData = function (payload: Any, cb?: () => void) {
      rec.setData++;
      try {
        const bytes = Buffer.byteLength(JSON.stringify(payload));
        rec.setDataBytes += bytes;
        rec.maxSetDataBytes = Math.max(rec.maxSetDataBytes, bytes);
      } catch (e: Any) {
        rec.errors.push({ kind: 'setData', message: `payload not serializable: ${e.message}` });
      }
      for (const k of Object.keys(payload || {})) setPath(this.data, k, payload[k]);
      sim.touch();
      if (typeof cb === 'function') sim.later(cb);
    };
    inst.selectComponent = () => null;
    inst.selectAllComponents = () => [];
    inst.createSelectorQuery = () => this.selectorQuery();
    inst.createIntersectionObserver = () => stubObject('IntersectionObserver');
    inst.getOpenerEventChannel = () => stubObject('EventChannel');
    inst.getPageId = () => `pageId:${inst.__wxWebviewId__}`;
    this.stack.push(inst);
    rec.instance = inst;
    const call = (hook: string, ...args: unknown[]) => {
      try {
        if (typeof inst[hook] === 'function') inst[hook](...args);
      } catch (e: Any) {
        rec.errors.push({ kind: `${hook} threw`, message: e.message, stack: stackOf(e) });
      }
    };
    call('onLoad', { ...query });
    call('onShow');
    await sleep(5);
    call('onReady');
    rec.ms = await this.settle(quietMs, maxMs);
    this.refresh(rec);
    const hasErr = rec.errors.length > 0 || rec.console.some((c) => c.level === 'error');
    if (rec.status === 'ok' && rec.nodes <= 0) rec.status = 'blank';
    else if (rec.status === 'ok' && hasErr) rec.status = 'errors';
    this.current = null;
    return rec;
  }

  /** Re-reads text and node count from the page's data. */
  refresh(rec: PageRecord): void {
    const root = rec.instance?.data?.root;
    rec.nodes = countNodes(root) - 1;
    // The root is Taro's page container, not a node of the page: its children are at depth 1.
    Object.assign(rec, treeShape(root));
    rec.text = collectText(root).map((s) => s.trim()).filter(Boolean);
  }

  /** Runs a page hook (onPullDownRefresh, onShow …) as WeChat would and lets the page settle. */
  async pageEvent(rec: PageRecord, hook: string, ...args: unknown[]): Promise<boolean> {
    const inst = rec.instance;
    if (typeof inst?.[hook] !== 'function') return false;
    this.current = rec;
    try {
      inst[hook](...args);
    } catch (e: Any) {
      rec.errors.push({ kind: `${hook} threw`, message: e.message, stack: stackOf(e) });
    }
    await this.settle(120, 8000);
    this.refresh(rec);
    this.current = null;
    return true;
  }

  /** Elements whose text includes `text`; the chain root → element of match `nth` (-1 = last, i.e. top-most). */
  findByText(rec: PageRecord, text: string, nth = 0): Any[] | null {
    const hits: Any[][] = [];
    const walk = (node: Any, chain: Any[]) => {
      if (!node || typeof node !== 'object') return;
      const here = node.sid && node.v === undefined ? [...chain, node] : chain;
      if (typeof node.v === 'string' && node.v.includes(text)) hits.push(here);
      for (const c of node.cn || []) walk(c, here);
    };
    walk(rec.instance?.data?.root, []);
    return hits.length ? hits[nth < 0 ? hits.length + nth : nth] || null : null;
  }

  /** A tap as WeChat delivers it: eh() for the target and then for every ancestor (bindtap="eh" is
   * on every element of Taro's base template); Taro batches the bubbling. */
  async tapText(rec: PageRecord, text: string, { quietMs = 150, type = 'tap', nth = 0 } = {}): Promise<boolean> {
    const chain = this.findByText(rec, text, nth);
    if (!chain || !chain.length) {
      rec.errors.push({ kind: 'tap', message: `no element with text "${text}"` });
      return false;
    }
    return this.tapChain(rec, chain, { quietMs, type });
  }

  async tapChain(rec: PageRecord, chain: Any[], { quietMs = 150, type = 'tap', detail = { x: 10, y: 10 } as Any } = {}): Promise<boolean> {
    this.current = rec;
    const target = chain[chain.length - 1];
    this.inTap = true;
    try {
      for (let i = chain.length - 1; i >= 0; i--) {
        const el = chain[i];
        if (!el.sid) continue;
        const ev = {
          type, timeStamp: Date.now(), target: { id: target.uid || target.sid, dataset: { sid: target.sid } },
          currentTarget: { id: el.uid || el.sid, dataset: { sid: el.sid } }, detail, touches: [], changedTouches: [],
        };
        try {
          rec.instance.eh(ev);
        } catch (e: Any) {
          rec.errors.push({ kind: `eh(${type}) threw`, message: e.message, stack: stackOf(e) });
        }
      }
    } finally {
      this.inTap = false;
    }
    await this.settle(quietMs, 8000);
    this.refresh(rec);
    this.current = null;
    return true;
  }

  /** Types into an input/textarea: by its id (`uid`) or the n-th one (WeChat 'input' event with detail.value). */
  async input(rec: PageRecord, which: number | string, value: string): Promise<boolean> {
    const hits: Any[] = [];
    const walk = (n: Any) => {
      if (!n || typeof n !== 'object') return;
      if (n.sid && n.v === undefined && (typeof which === 'string' ? n.uid === which || n.id === which : /input|textarea/i.test(String(n.nn || '')))) hits.push(n);
      (n.cn || []).forEach(walk);
    };
    walk(rec.instance?.data?.root);
    const el = typeof which === 'string' ? hits[0] : hits[which];
    if (!el) {
      rec.errors.push({ kind: 'input', message: `no input ${which}` });
      return false;
    }
    this.current = rec;
    const ev = {
      type: 'input', timeStamp: Date.now(), target: { id: el.uid || el.sid, dataset: { sid: el.sid } },
      currentTarget: { id: el.uid || el.sid, dataset: { sid: el.sid } }, detail: { value, cursor: value.length },
    };
    try {
      rec.instance.eh(ev);
    } catch (e: Any) {
      rec.errors.push({ kind: 'eh(input) threw', message: e.message, stack: stackOf(e) });
    }
    await this.settle(80, 4000);
    this.refresh(rec);
    this.current = null;
    return true;
  }

  /** Unloads the page and stops every timer the app started. */
  close(): void {
    for (const p of this.stack.splice(0)) {
      try {
        p.onUnload?.();
      } catch {
        /* ignore */
      }
    }
    for (const h of this.timers) {
      clearTimeout(h);
      clearInterval(h);
    }
    this.timers.clear();
    this.shortTimers.clear();
    this.pendingTimers = 0;
    this.detach?.();
  }
}

function emptyRecord(route: string, query: Record<string, string>): PageRecord {
  return { route, query, status: 'ok', errors: [], console: [], wx: [], cloud: [], nav: [], canvas: [], setData: 0, setDataBytes: 0, maxSetDataBytes: 0, nodes: 0, depth: 0, maxChildren: 0, text: [], ms: 0 };
}

/** Every page of an app.json: main pages, then each subpackage's. */
export function appPages(appJson: Any): string[] {
  const subs: Any[] = appJson.subPackages || appJson.subpackages || [];
  return [...appJson.pages, ...subs.flatMap((s) => s.pages.map((p: string) => `${s.root}/${p}`))];
}
