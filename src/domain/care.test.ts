import { careClass, careStep, readCareMode, stepForFactor, systemFactor, writeCareMode, CARE_MODE_KEY } from './care';

function memoryKV() {
  const m = new Map<string, string>();
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v), remove: (k: string) => void m.delete(k), m };
}

describe('关怀模式 scale', () => {
  it('follows WeChat: standard sizes stay normal, the iOS 关怀模式 size (23.8 px) gets the largest step', () => {
    expect(careStep('auto', { setting: 17 })).toBe(0);
    expect(careStep('auto', { setting: 18 })).toBe(0);
    expect(careStep('auto', { setting: 19.5 })).toBe(1);
    expect(careStep('auto', { setting: 22 })).toBe(2);
    expect(careStep('auto', { setting: 23.8 })).toBe(3);
  });

  it('prefers fontSizeScaleFactor (Android is relative to 16 px, not 17)', () => {
    expect(systemFactor({ scaleFactor: 1.3, setting: 20.8 })).toBeCloseTo(1.3);
    expect(careStep('auto', { scaleFactor: 1.3, setting: 20.8 })).toBe(2);
  });

  it('never shrinks below standard and ignores nonsense values', () => {
    expect(careStep('auto', { setting: 16 })).toBe(0);
    expect(careStep('auto', { setting: NaN })).toBe(0);
    expect(careStep('auto', {})).toBe(0);
    expect(stepForFactor(0.5)).toBe(0);
  });

  it('大字模式 by hand is at least ×1.3, and keeps a larger WeChat setting', () => {
    expect(careStep('large', { setting: 17 })).toBe(2);
    expect(careStep('large', { setting: 23.8 })).toBe(3);
  });

  it('标准 by hand overrides even a large WeChat setting', () => {
    expect(careStep('standard', { setting: 23.8 })).toBe(0);
  });

  it('names the root class of each step', () => {
    expect(careClass(0)).toBe('');
    expect(careClass(2)).toBe('rp-care rp-care-2');
  });

  it('remembers the choice in storage; 跟随微信 is the default and removes the key', () => {
    const kv = memoryKV();
    expect(readCareMode(kv)).toBe('auto');
    writeCareMode(kv, 'large');
    expect(kv.m.get(CARE_MODE_KEY)).toBe('large');
    expect(readCareMode(kv)).toBe('large');
    writeCareMode(kv, 'auto');
    expect(kv.m.has(CARE_MODE_KEY)).toBe(false);
    kv.set(CARE_MODE_KEY, 'huge');
    expect(readCareMode(kv)).toBe('auto');
  });
});
