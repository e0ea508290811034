/**
 * The app-wide 关怀模式 state: the person's choice (storage) and WeChat's font setting, read once
 * and again whenever the app comes back to the foreground (the person may have changed WeChat's
 * font size meanwhile). Every PageShell subscribes, so switching on 我的 → 关怀模式 resizes the
 * pages already open too.
 */
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { careClass, careStep, readCareMode, writeCareMode, SIM_FONT_SIZE_KEY, type CareMode, type CareStep, type SystemFont } from '../domain/care';
import { taroKV } from '../utils/storage';

const IS_H5 = process.env.TARO_ENV === 'h5';

export interface CareState {
  mode: CareMode;
  step: CareStep;
  /** Root class of every page: '' or 'rp-care rp-care-<step>'. */
  className: string;
  system: SystemFont;
}

function readSystemFont(): SystemFont {
  if (IS_H5) {
    // A browser has no WeChat setting: the simulated one (tests, demos) or none.
    const sim = Number(taroKV.get(SIM_FONT_SIZE_KEY));
    return sim > 0 ? { setting: sim } : {};
  }
  try {
    // getAppBaseInfo (base library 2.20.1+) is the supported source; getSystemInfoSync for older clients.
    const info = (Taro.getAppBaseInfo?.() ?? Taro.getSystemInfoSync()) as { fontSizeSetting?: number; fontSizeScaleFactor?: number };
    return { setting: info.fontSizeSetting, scaleFactor: info.fontSizeScaleFactor };
  } catch {
    return {};
  }
}

function compute(): CareState {
  const mode = readCareMode(taroKV);
  const system = readSystemFont();
  const step = careStep(mode, system);
  return { mode, step, className: careClass(step), system };
}

let state: CareState | null = null;
const listeners = new Set<() => void>();

function current(): CareState {
  if (!state) state = compute();
  return state;
}

function refresh(): void {
  const next = compute();
  const prev = current();
  if (next.mode === prev.mode && next.step === prev.step) return;
  state = next;
  applyToDocument(next);
  listeners.forEach((l) => l());
}

/**
 * h5: NutUI's dialogs and toasts are portalled to <body>, outside the page's root view, so the
 * class also goes on <html> (weapp has no portals: the page root is enough).
 */
function applyToDocument(s: CareState): void {
  if (!IS_H5 || typeof document === 'undefined') return;
  const root = document.documentElement;
  root.classList.remove('rp-care', 'rp-care-1', 'rp-care-2', 'rp-care-3');
  if (s.className) root.classList.add(...s.className.split(' '));
}

let listening = false;
function subscribe(listener: () => void): () => void {
  if (!listening) {
    listening = true;
    applyToDocument(current());
    try {
      Taro.onAppShow?.(() => refresh());
    } catch {
      // Not every host has onAppShow; the setting is then read at launch only.
    }
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setCareMode(mode: CareMode): void {
  writeCareMode(taroKV, mode);
  refresh();
}

export function useCare(): CareState {
  return useSyncExternalStore(subscribe, current, current);
}
