/**
 * Local demo identity (h5 only). In local mode the gateway takes the caller from the
 * X-WX-OPENID header; the person picks who to be on 选择演示身份. In weapp the identity is
 * the platform's and none of this is used.
 */
export const DEMO_OPENID_KEY = 'redpark.demo.openid';
export const DEMO_LABEL_KEY = 'redpark.demo.label';

/** Small key-value store (Taro storage in the app, a Map in tests). */
export interface KV {
  get(key: string): unknown;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface DemoIdentity {
  openid: string;
  label: string;
}

export interface DemoCaller {
  openid: string;
  label: string;
  name?: string;
  note?: string;
}

const OPENID_RE = /^[A-Za-z0-9_-]{1,128}$/;

export function isValidOpenid(v: unknown): v is string {
  return typeof v === 'string' && OPENID_RE.test(v);
}

export function readDemoIdentity(kv: KV): DemoIdentity | null {
  const openid = kv.get(DEMO_OPENID_KEY);
  if (!isValidOpenid(openid)) return null;
  const label = kv.get(DEMO_LABEL_KEY);
  return { openid, label: typeof label === 'string' && label ? label : openid };
}

export function writeDemoIdentity(kv: KV, id: DemoIdentity): void {
  if (!isValidOpenid(id.openid)) throw new Error('invalid openid');
  kv.set(DEMO_OPENID_KEY, id.openid);
  kv.set(DEMO_LABEL_KEY, id.label);
}

export function clearDemoIdentity(kv: KV): void {
  kv.remove(DEMO_OPENID_KEY);
  kv.remove(DEMO_LABEL_KEY);
}

/** The label shown on the banner and the card: "党务管理员 · 王建国". */
export function callerTitle(c: DemoCaller): string {
  return c.name ? `${c.label} · ${c.name}` : c.label;
}

/** Reads the gateway's `GET /local/demo-callers` reply; drops anything malformed. */
export function parseDemoCallers(body: unknown): DemoCaller[] {
  const b = body as { ok?: unknown; data?: unknown } | null;
  if (!b || b.ok !== true || !Array.isArray(b.data)) throw new Error('bad reply');
  const out: DemoCaller[] = [];
  for (const item of b.data as Array<Record<string, unknown>>) {
    if (!item || !isValidOpenid(item.openid) || typeof item.label !== 'string') continue;
    out.push({
      openid: item.openid,
      label: item.label,
      name: typeof item.name === 'string' ? item.name : undefined,
      note: typeof item.note === 'string' ? item.note : undefined,
    });
  }
  return out;
}

/** A fresh openid for "try as a new visitor" (the gateway treats unknown openids as new visitors). */
export function newGuestOpenid(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += Math.floor(random() * 36).toString(36);
  return `demo-guest-${s}`;
}

/**
 * Where to go after choosing an identity: the page that sent the person to 选择演示身份 (e.g. the
 * check-in page a phone camera opened), if it is one of ours; otherwise home.
 */
export function safeRedirect(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string' || !raw) return fallback;
  let url = raw;
  try {
    url = decodeURIComponent(raw);
  } catch {
    return fallback;
  }
  if (!/^\/(pages|packages)\/[A-Za-z0-9_/-]+(\?[^#]*)?$/.test(url) || url.startsWith('/pages/demo-login/')) return fallback;
  return url;
}
