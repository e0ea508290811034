/**
 * WeChat's checks on a subscribe message's `data`, by the keyword type each field's name starts with
 * (`thing1`, `time3`, `phrase4` …). subscribeMessage.send refuses a message whose value breaks its type's
 * rule with errcode 47003 ("argument invalid! data.time3.value invalid"); an empty value too.
 * Source: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * (其他说明 — 参数类型与限制). The local strict sender applies them, so a template that WeChat would refuse
 * fails a test instead of failing on people's phones.
 */

export const WX_INVALID_DATA = 47003;
export const WX_NO_GRANT = 43101;

const HAN = '\\u3400-\\u9fff';
/** 15:01 · 2019年10月1日 15:01 · 2019-10-01 15:01 (seconds optional). */
const CLOCK = '([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?';
const DAY = '(\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{2}-\\d{2})';
const TIME_POINT = `(${DAY} ?)?${CLOCK}`;
const DATE_POINT = `${DAY}( ?${CLOCK})?`;
const range = (p: string) => new RegExp(`^${p}(~${p})?$`);

const RULES: Record<string, (v: string) => boolean> = {
  /** 20 characters at most: 汉字, digits, letters or symbols. */
  thing: (v) => Array.from(v).length <= 20,
  /** 5 汉字 at most, nothing else (no digits, letters, punctuation or spaces). */
  phrase: (v) => new RegExp(`^[${HAN}]{1,5}$`).test(v),
  /** A 24-hour time, optionally with its date; a range joined with "~". */
  time: (v) => range(TIME_POINT).test(v),
  /** A date, optionally with a time; a range joined with "~". */
  date: (v) => range(DATE_POINT).test(v),
  /** 32 characters at most: digits, letters, symbols — no 汉字. */
  character_string: (v) => v.length <= 32 && !new RegExp(`[${HAN}]`).test(v),
  /** 32 digits at most, a decimal point allowed. */
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => Array.from(v).length <= 5 && /^[^\dA-Za-z\u3400-\u9fff\s]+$/.test(v),
  /** 10 汉字 or 20 letters, not mixed. */
  name: (v) => new RegExp(`^[${HAN}·]{1,10}$`).test(v) || /^[A-Za-z ]{1,20}$/.test(v),
  amount: (v) => /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => Array.from(v).length <= 8,
};

/** `thing12` → `thing`; `character_string3` → `character_string`. */
export function keywordType(field: string): string | undefined {
  return /^([a-z_]+?)\d+$/.exec(field)?.[1];
}

/** The reason WeChat would refuse one field (errmsg style), or null when it passes. */
export function fieldProblem(field: string, value: unknown): string | null {
  const type = keywordType(field);
  const rule = type ? RULES[type] : undefined;
  if (!rule) return `data.${field} has an unknown keyword type`;
  if (typeof value !== 'string' || value.trim() === '') return `data.${field}.value is empty`;
  if (!rule(value)) return `data.${field}.value invalid (${type}: ${JSON.stringify(value)})`;
  return null;
}

/** Every problem of a message's fields; an empty list when WeChat would accept them. */
export function dataProblems(fields: Record<string, unknown>): string[] {
  return Object.entries(fields)
    .map(([k, v]) => fieldProblem(k, v))
    .filter((p): p is string => p !== null);
}
