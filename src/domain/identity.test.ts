import {
  callerTitle,
  clearDemoIdentity,
  newGuestOpenid,
  parseDemoCallers,
  readDemoIdentity,
  writeDemoIdentity,
  type KV,
} from './identity';

function memoryKV(): KV & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k) ?? '', set: (k, v) => void map.set(k, v), remove: (k) => void map.delete(k) };
}

describe('demo identity', () => {
  it('round-trips through storage and clears', () => {
    const kv = memoryKV();
    expect(readDemoIdentity(kv)).toBeNull();
    writeDemoIdentity(kv, { openid: 'demo-admin', label: '党务管理员 · 王建国' });
    expect(readDemoIdentity(kv)).toEqual({ openid: 'demo-admin', label: '党务管理员 · 王建国' });
    clearDemoIdentity(kv);
    expect(readDemoIdentity(kv)).toBeNull();
  });

  it('ignores a corrupted stored openid and refuses to store one', () => {
    const kv = memoryKV();
    kv.set('redpark.demo.openid', 'bad openid with spaces');
    expect(readDemoIdentity(kv)).toBeNull();
    expect(() => writeDemoIdentity(kv, { openid: '', label: 'x' })).toThrow();
  });

  it('reads the gateway list and drops malformed entries', () => {
    const list = parseDemoCallers({
      ok: true,
      data: [
        { openid: 'demo-admin', label: '党务管理员', name: '王建国', note: '管理全部事项' },
        { openid: 'demo-visitor', label: '群众/职工', roles: ['visitor'] },
        { openid: 42, label: 'x' },
        null,
      ],
    });
    expect(list).toEqual([
      { openid: 'demo-admin', label: '党务管理员', name: '王建国', note: '管理全部事项' },
      { openid: 'demo-visitor', label: '群众/职工', name: undefined, note: undefined },
    ]);
    expect(callerTitle(list[0])).toBe('党务管理员 · 王建国');
    expect(callerTitle(list[1])).toBe('群众/职工');
    expect(() => parseDemoCallers({ ok: false })).toThrow();
    expect(() => parseDemoCallers('<html>')).toThrow();
  });

  it('makes fresh guest openids', () => {
    expect(newGuestOpenid(() => 0)).toBe('demo-guest-00000000');
    expect(newGuestOpenid()).toMatch(/^demo-guest-[0-9a-z]{8}$/);
  });
});

describe('safeRedirect', () => {
  const { safeRedirect } = require('./identity');
  it('returns to our own page with its query, nothing else', () => {
    const scan = '/packages/checkin/scan/index?scene=v%3Avenue-hall';
    expect(safeRedirect(encodeURIComponent(scan), '/pages/index/index')).toBe(scan);
    for (const bad of [undefined, '', 'https://evil.example/x', '//evil.example', '/pages/demo-login/index', 'javascript:alert(1)', '%E0%A4%A']) {
      expect(safeRedirect(bad, '/pages/index/index')).toBe('/pages/index/index');
    }
  });
});
