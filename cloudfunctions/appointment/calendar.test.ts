import { foldLine, icsText, toIcs } from './calendar';

describe('iCalendar text', () => {
  test('lines_are_folded_at_75_octets_without_splitting_a_chinese_character_and_unfold_to_the_original', () => {
    const line = `SUMMARY:${'发展服务团预约'.repeat(12)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('UID:short')).toBe('UID:short');
  });

  test('text_values_escape_backslash_semicolon_comma_and_newline', () => {
    expect(icsText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  test('the_calendar_uses_crlf_and_utc_times', () => {
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 + 5 * 86_400_000);
    const end = new Date(start.getTime() + 3600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    const utc = (d: Date) => `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
    const ics = toIcs({ uid: 'u@x', sequence: 1, stamp: start, start, end, summary: 's', location: 'l', description: 'd' });
    expect(ics.split('\r\n')[0]).toBe('BEGIN:VCALENDAR');
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(ics).toContain(`\r\nDTSTART:${utc(start)}\r\n`);
    expect(ics).toContain(`\r\nDTEND:${utc(end)}\r\n`);
  });
});
