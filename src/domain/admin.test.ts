import { auditChanges, consoleEntries, GRANTABLE, grantNeedsScope, grantParams, countAxisMax, dayChart, dayLabels, demandChart, formRing, importProgress, quarterName, splitPieces, starChart, studyChart, teamChart } from './admin';

describe('admin console logic', () => {
  test('admins_get_every_console_page_and_secretaries_only_their_branch_view', () => {
    const admin = consoleEntries(['visitor', 'admin']);
    expect(admin.own.map((e) => e.key)).toEqual(['dashboard', 'export', 'import', 'users', 'audit', 'outbox']);
    expect(admin.manage.map((e) => e.key)).toContain('appointment');
    const sec = consoleEntries(['visitor', 'member', 'secretary']);
    expect(sec.own).toEqual([]);
    expect(sec.manage.map((e) => [e.key, e.hint])).toEqual([['pending', '本支部的入支部申请'], ['study', '本支部学习小组的本月完成情况'], ['orglife-board', '本支部各类会议待开、逾期未开'], ['branch', '本支部花名册、转接、党费、发展党员'], ['org', '组织生活记录、星级评定、预约场馆']]);
    // Every capability's management page is reachable from the console.
    expect(admin.manage.map((e) => e.key)).toEqual(expect.arrayContaining(['venues', 'rooms', 'appointment', 'vol-activities', 'policy', 'packages', 'demand', 'study-create', 'org', 'orglife-verify', 'pending', 'study', 'orglife-board', 'branch']));
    // 组织生活核实 is an admin's page: a secretary must not confirm their own branch's records.
    expect(sec.manage.map((e) => e.key)).not.toContain('orglife-verify');
    expect(consoleEntries(['visitor'])).toEqual({ own: [], manage: [] });
  });

  test('chart_series_come_from_the_figures', () => {
    expect(dayChart([{ day: '2026-11-01', visits: 3, people: 2 }])).toEqual({ categories: ['11-01'], series: [{ name: '到访人次', data: [3] }, { name: '到访人数', data: [2] }] });
    expect(demandChart([{ category: '用工', collected: 2, resolved: 1 }])).toEqual({ categories: ['用工'], series: [{ name: '收集', data: [2] }, { name: '办结', data: [1] }] });
    expect(teamChart([{ teamName: '法律', bookings: 4, served: 3 }]).series[1]).toEqual({ name: '已服务', data: [3] });
  });

  test('study_completion_is_one_bar_per_group_and_one_series_per_month_with_gaps_for_empty_groups', () => {
    const rows = [
      { groupId: 'a', groupName: '甲学习小组', month: '2026-10', rate: 0.5 },
      { groupId: 'b', groupName: '乙组', month: '2026-10', rate: null },
      { groupId: 'a', groupName: '甲学习小组', month: '2026-11', rate: 0.3333 },
    ];
    expect(studyChart(rows)).toEqual({
      categories: ['甲', '乙组'],
      series: [{ name: '10月完成率%', data: [50, null] }, { name: '11月完成率%', data: [33.3, null] }],
    });
  });

  test('coverage_ring_counts_enterprises_by_form_and_without_an_organisation', () => {
    expect(formRing({ enterprises: 10, withOrg: 7, single: 3, joint: 4, attached: 0, dispatched: 0 })).toEqual([
      { name: '单独组建', data: 3 },
      { name: '联合组建', data: 4 },
      { name: '未建党组织', data: 3 },
    ]);
    // Below three and 派驻 are slices of their own, not 「未建党组织」: the slices add up to the enterprises.
    expect(formRing({ enterprises: 10, withOrg: 5, single: 2, joint: 2, attached: 1, dispatched: 1, belowThree: 2 })).toEqual([
      { name: '单独组建', data: 2 },
      { name: '联合组建', data: 2 },
      { name: '挂靠组建', data: 1 },
      { name: '未达3名正式党员', data: 2 },
      { name: '派驻', data: 1 },
      { name: '未建党组织', data: 2 },
    ]);
  });

  test('stars_read_five_first_and_quarters_in_chinese', () => {
    expect(starChart([{ stars: 5, branches: 1 }, { stars: 0, branches: 2 }])).toEqual({ categories: ['5星', '未达星级'], series: [{ name: '党组织数', data: [1, 2] }] });
    expect(quarterName('2026Q3')).toBe('2026年第三季度');
    expect([countAxisMax([0, 1]), countAxisMax([6]), countAxisMax([]), countAxisMax([23]), countAxisMax([1234])]).toEqual([5, 10, 5, 25, 1250]);
    expect(studyChart([{ groupId: 'x', groupName: '星河湾产业园联合党支部学习小组', month: '2026-11', rate: 1 }]).categories).toEqual(['星河湾产业园联…']);
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

  test('an_admin_can_grant_the_party_instructor_role_without_picking_a_scope_G_14', () => {
    expect(GRANTABLE).toContain('instructor');
    expect(grantNeedsScope('instructor')).toBe(false);
    expect(grantParams('o-1', 'instructor', '')).toEqual({ openid: 'o-1', role: 'instructor' });
    expect(grantNeedsScope('secretary')).toBe(true);
    expect(grantParams('o-1', 'secretary', 'b-1')).toEqual({ openid: 'o-1', role: 'secretary', branchId: 'b-1' });
    expect(grantParams('o-1', 'expert', 't-1')).toEqual({ openid: 'o-1', role: 'expert', teamId: 't-1' });
    expect(grantParams('o-1', 'enterprise', 'e-1')).toEqual({ openid: 'o-1', role: 'enterprise', enterpriseId: 'e-1' });
    expect(grantParams('o-1', 'admin', 'ignored')).toEqual({ openid: 'o-1', role: 'admin' });
  });
});
