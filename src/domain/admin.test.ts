import { auditChanges, consoleEntries, dayChart, dayLabels, demandChart, importProgress, splitPieces, teamChart } from './admin';

describe('admin console logic', () => {
  test('admins_get_every_console_page_and_secretaries_only_their_branch_view', () => {
    const admin = consoleEntries(['visitor', 'admin']);
    expect(admin.own.map((e) => e.key)).toEqual(['dashboard', 'export', 'import', 'users', 'audit', 'outbox']);
    expect(admin.manage.map((e) => e.key)).toContain('appointment');
    const sec = consoleEntries(['visitor', 'member', 'secretary']);
    expect(sec.own).toEqual([]);
    expect(sec.manage.map((e) => [e.key, e.hint])).toEqual([['pending', '本支部的入支部申请'], ['study', '本支部学习小组的本月完成情况']]);
    expect(consoleEntries(['visitor'])).toEqual({ own: [], manage: [] });
  });

  test('chart_series_come_from_the_figures', () => {
    expect(dayChart([{ day: '2026-11-01', visits: 3, people: 2 }])).toEqual({ categories: ['11-01'], series: [{ name: '到访人次', data: [3] }, { name: '到访人数', data: [2] }] });
    expect(demandChart([{ category: '用工', collected: 2, resolved: 1 }])).toEqual({ categories: ['用工'], series: [{ name: '收集', data: [2] }, { name: '办结', data: [1] }] });
    expect(teamChart([{ teamName: '法律', bookings: 4, served: 3 }]).series[1]).toEqual({ name: '已服务', data: [3] });
  });

  test('a_long_day_axis_keeps_at_most_six_labels', () => {
    const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const labels = dayLabels(days);
    expect(labels.filter(Boolean)).toEqual(['11-01', '11-06', '11-11', '11-16', '11-21', '11-26']);
    expect(labels).toHaveLength(30);
  });

  test('a_file_is_split_into_pieces_that_join_back', () => {
    const s = 'A'.repeat(10) + 'B'.repeat(5);
    const pieces = splitPieces(s, 6);
    expect(pieces.map((p) => p.length)).toEqual([6, 6, 3]);
    expect(pieces.join('')).toBe(s);
  });

  test('progress_runs_from_upload_to_the_last_row', () => {
    expect(importProgress({ uploaded: 0, pieces: 4, done: 0, valid: null })).toBe(0);
    expect(importProgress({ uploaded: 4, pieces: 4, done: 0, valid: null })).toBe(40);
    expect(importProgress({ uploaded: 4, pieces: 4, done: 50, valid: 100 })).toBe(70);
    expect(importProgress({ uploaded: 4, pieces: 4, done: 0, valid: 0 })).toBe(100);
  });

  test('an_audit_entry_shows_only_what_changed', () => {
    expect(auditChanges({ roles: [], name: '王' }, { roles: ['expert'], name: '王' })).toEqual([{ field: 'roles', before: '（空）', after: 'expert' }]);
    expect(auditChanges(null, { rows: 3 })).toEqual([{ field: 'rows', before: '—', after: '3' }]);
  });
});
