/**
 * 关怀模式 (elderly mode): which text/tap-target scale a page uses. Pure, so the rules are unit-tested.
 *
 * Inputs: the person's choice kept in storage (跟随微信 / 标准 / 大字) and WeChat's own font-size
 * setting (wx.getAppBaseInfo → fontSizeScaleFactor, or fontSizeSetting over the platform's standard
 * size). WeChat's elderly-design guide gives the steps: iOS standard 17 px up to 23.8 px (its own
 * 「关怀模式」 size, ×1.4), Android standard 16 px times a scale factor. We map the factor to one of
 * four fixed steps instead of a free number because each step is a CSS class (rp-care-<n>) that
 * sets two CSS variables the design tokens multiply by: a class works the same in weapp and h5,
 * while an inline style with custom properties depends on how each platform serialises styles.
 */
import type { KV } from './identity';

export type CareMode = 'auto' | 'standard' | 'large';

export const CARE_MODE_KEY = 'redpark.care.mode';
/**
 * h5 only: a browser has no WeChat font setting, so the web build reads a simulated
 * fontSizeSetting (px) from this key — how the e2e test plays "WeChat at the large setting".
 */
export const SIM_FONT_SIZE_KEY = 'redpark.care.simFontSize';

/** Text scale of each step; the tap-target scale grows a little less (layouts stay usable). */
export const CARE_STEPS = [
  { text: 1, tap: 1 },
  { text: 1.15, tap: 1.1 },
  { text: 1.3, tap: 1.2 },
  { text: 1.4, tap: 1.3 },
] as const;

export type CareStep = 0 | 1 | 2 | 3;

/** 大字 chosen by hand: step 2 (×1.3), or the system's step if WeChat is set even larger. */
export const LARGE_STEP: CareStep = 2;

export interface SystemFont {
  /** WeChat's fontSizeScaleFactor (preferred: already relative to the platform's standard). */
  scaleFactor?: number;
  /** WeChat's fontSizeSetting in px (iOS standard 17). */
  setting?: number;
}

/** The factor WeChat's setting asks for, 1 when unknown or smaller than standard. */
export function systemFactor(font: SystemFont): number {
  const f = font.scaleFactor && Number.isFinite(font.scaleFactor) && font.scaleFactor > 0
    ? font.scaleFactor
    : font.setting && Number.isFinite(font.setting) && font.setting > 0
      ? font.setting / 17
      : 1;
  return Math.max(1, f);
}

/** The largest step whose text scale the factor reaches (with a little slack for 18/17 ≈ 1.06 → standard). */
export function stepForFactor(factor: number): CareStep {
  let step: CareStep = 0;
  CARE_STEPS.forEach((s, i) => {
    if (factor >= s.text - 0.03) step = i as CareStep;
  });
  return step;
}

export function careStep(mode: CareMode, font: SystemFont): CareStep {
  const fromSystem = stepForFactor(systemFactor(font));
  if (mode === 'standard') return 0;
  if (mode === 'large') return Math.max(LARGE_STEP, fromSystem) as CareStep;
  return fromSystem;
}

export function careClass(step: CareStep): string {
  return step ? `rp-care rp-care-${step}` : '';
}

export function readCareMode(kv: KV): CareMode {
  const v = kv.get(CARE_MODE_KEY);
  return v === 'standard' || v === 'large' ? v : 'auto';
}

export function writeCareMode(kv: KV, mode: CareMode): void {
  if (mode === 'auto') kv.remove(CARE_MODE_KEY);
  else kv.set(CARE_MODE_KEY, mode);
}

export const CARE_MODE_LABEL: Record<CareMode, string> = {
  auto: '跟随微信字体',
  standard: '标准字号',
  large: '大字模式',
};

/** What 我的 shows beside 关怀模式. */
export function careSummary(mode: CareMode, step: CareStep): string {
  if (mode === 'auto') return step ? '已跟随微信放大' : '跟随微信';
  return mode === 'large' ? '大字已开启' : '标准';
}
