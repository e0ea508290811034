/**
 * Turns zod issues into one Chinese sentence that names the fields, e.g.
 * `请检查：profile.name（长度不能超过 20 个字符）；phone（格式不正确）`.
 * zod's own zh-CN locale writes the per-field wording; we only add the paths.
 */
import * as z from 'zod';
import { zhCN } from 'zod/locales';

const TYPE_NAME: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  date: '日期',
  bigint: '整数',
  null: '空值',
  undefined: '未填写',
};

/**
 * Plain wording for the common cases (zod's zh-CN locale says "数值过大：期望 string <=5 字符"
 * for a long name); anything rarer falls back to that locale.
 */
// Only the zh-CN locale: `z.locales` would bundle every language into each function.
z.config(zhCN());
const zh = z.config().localeError!;
z.config({
  customError: (iss) => {
    switch (iss.code) {
      case 'invalid_type':
        return iss.input === undefined ? '必填' : `应为${TYPE_NAME[iss.expected] ?? iss.expected}`;
      case 'too_big':
        if (iss.origin === 'string') return `不能超过 ${iss.maximum} 个字`;
        if (iss.origin === 'array') return `最多 ${iss.maximum} 项`;
        return `不能大于 ${iss.maximum}`;
      case 'too_small':
        if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? '不能为空' : `至少 ${iss.minimum} 个字`;
        if (iss.origin === 'array') return `至少 ${iss.minimum} 项`;
        return `不能小于 ${iss.minimum}`;
      case 'invalid_format':
        return '格式不正确';
      case 'unrecognized_keys':
        return `不认识的字段：${iss.keys.join('、')}`;
      case 'invalid_value':
        return `只能是 ${iss.values.map(String).join(' / ')} 之一`;
      default:
        return zh(iss);
    }
  },
});

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
