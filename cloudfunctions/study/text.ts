/**
 * How long a 自学记录 is, as people count it: characters without spaces or line breaks (a CJK
 * character or an emoji is one). The app's counter and the server's minimum use this same
 * function, so "还差 12 字" on the page is exactly what the server checks.
 */
export function charCount(s: string): number {
  return Array.from(s.replace(/\s+/g, '')).length;
}
