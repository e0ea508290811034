/**
 * Turns zod issues into one Chinese sentence that names the fields, e.g.
 * `请检查：profile.name（长度不能超过 20 个字符）；phone（格式不正确）`.
 * zod's own zh-CN locale writes the per-field wording; we only add the paths.
 */
import { z } from 'zod';

z.config(z.locales.zhCN());

const MAX_LISTED = 3;

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, MAX_LISTED).map((i) => {
    const path = i.path.map(String).join('.') || '参数';
    return `${path}（${i.message}）`;
  });
  const more = issues.length > MAX_LISTED ? ` 等 ${issues.length} 处` : '';
  return `请检查：${parts.join('；')}${more}。`;
}

/** Keys that could reach Object.prototype through a careless merge; refused anywhere in params. */
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function findPoisonKey(value: unknown, depth = 0): string | null {
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (POISON_KEYS.has(key)) return key;
    const found = findPoisonKey((value as Record<string, unknown>)[key], depth + 1);
    if (found) return found;
  }
  return null;
}
