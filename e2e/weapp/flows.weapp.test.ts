/**
 * The weapp build's flows that only WeChat produces, run in the sandbox of sim.ts against the local
 * gateway: the privacy hand-off (onNeedPrivacyAuthorization answered by our dialog), a check-in
 * opened from a venue's mini-program code (`scene`), joining a study group from its card in a
 * group chat (getGroupEnterInfo → CloudID), the subscribe prompt asked inside the booking tap, the
 * volunteer-hours certificate picture (canvas 2d + QR, with no TextEncoder, as on a phone), an
 * Excel export (written with the file system manager and opened with openDocument), and the
 * dashboard's pull-down refresh.
 */
import fs from 'fs';
import path from 'path';
import { freshOpenid } from '../../local/testing';
import { dayjs, PARK_TZ } from '../../server/core/time';
import { testCloudId } from '../../local/openData';
import { bootSim, DIST, pageParams, problemsOf, useWeappGateway } from './harness';
import { findNode } from './sim';

jest.setTimeout(120_000);

const h = useWeappGateway();

it('privacy: a new person agrees in our dialog, which also answers WeChat’s held privacy request', async () => {
  const sim = await bootSim(h.gw, freshOpenid('weapp-privacy'));
  try {
    expect(typeof sim.privacyListener).toBe('function');
    const r = await sim.openPage('pages/mine/index');
    expect(r.text.some((t) => t.includes('隐私保护指引'))).toBe(true);
    // WeChat holds a privacy API call and asks the app; our dialog answers it.
    const answers: unknown[] = [];
    sim.current = r;
    sim.privacyListener!((o) => answers.push(o));
    sim.current = null;
    await new Promise((res) => setTimeout(res, 100));
    const agree = findNode(r.instance.data.root, (n) => n.id === 'agree-privacy' || n.uid === 'agree-privacy');
    expect(agree).not.toBeNull();
    await sim.tapText(r, '同意并继续', { nth: -1 });
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'agree-privacy' }]);
    expect(r.cloud.filter((c) => c.action === 'acceptPrivacy').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.some((t) => t.includes('同意并继续'))).toBe(false);
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('check-in: the venue’s mini-program code opens the scan page with its scene, which records the visit', async () => {
  const code = await h.gw.call('checkin', 'currentCode', { venueId: 'venue-hall' }, 'demo-admin');
  expect(code.body.ok).toBe(true);
  const scene: string = code.body.data.scene;
  expect(scene.length).toBeLessThanOrEqual(32); // wxacode.getUnlimited's limit
  const sim = await bootSim(h.gw, 'demo-visitor');
  try {
    // WeChat passes the scene URI-encoded in the page's query.
    const r = await sim.openPage('packages/checkin/scan/index', { scene: encodeURIComponent(scene) });
    const scans = r.cloud.filter((c) => c.name === 'checkin' && c.action === 'scan');
    expect(scans.map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).toMatch(/签到成功|已签到/);
    expect(r.text.join(' ')).toContain('党群服务中心大厅');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('study group: the secretary’s card opened in a new group chat binds it; a member opening it there joins', async () => {
  const chat = 'GweappSimYouthChat01';
  const inChat = (groupId: string) => ({
    getEnterOptionsSync: () => ({ path: 'packages/study/join/index', scene: 1044, query: { groupId }, shareTicket: 'sim-ticket', referrerInfo: {} }),
    getGroupEnterInfo: (o: { success: (r: unknown) => void }) => setTimeout(() => o.success({ errMsg: 'getGroupEnterInfo:ok', cloudID: testCloudId(chat) }), 0),
  });
  const secretary = await bootSim(h.gw, 'demo-secretary', { overrides: inChat('sg-youth') });
  try {
    const r = await secretary.openPage('packages/study/join/index', { groupId: 'sg-youth' });
    expect(r.cloud.filter((c) => c.action === 'joinByShare').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).toContain('已把这个微信群绑定到学习小组');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    secretary.close();
  }
  const member = await bootSim(h.gw, 'demo-member', { overrides: inChat('sg-youth') });
  try {
    const r = await member.openPage('packages/study/join/index', { groupId: 'sg-youth' });
    expect(r.cloud.filter((c) => c.action === 'joinByShare').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).toContain('已加入学习小组');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    member.close();
  }
});

it('booking: the subscribe prompt is asked inside the tap (WeChat shows it only then), and the booking goes through', async () => {
  const params = await pageParams(h.gw);
  // The build inlines TARO_APP_SUBSCRIBE_TEMPLATES (empty here: `key=id` pairs come from the deployment);
  // give the appointment subpackage's copy of src/utils/subscribe.ts two ids.
  let patched = 0;
  const patchSource = (file: string, code: string) => {
    if (!file.startsWith('packages/appointment/') || !code.includes('requestSubscribeMessage')) return code;
    return code.replace(/\)\(""\)(;function \w+\(\w+\)\{var \w+=\(0,[\w$]+\.[\w$]+\)\(\w+,\w+\);if\(0===\w+\.length\)return Promise\.resolve\(\))/, (_, rest) => {
      patched++;
      return `)("bookingResult=tmpl-result,appointmentReminder=tmpl-remind")${rest}`;
    });
  };
  const sim = await bootSim(h.gw, 'demo-enterprise-a', {
    patchSource,
    overrides: {
      requestSubscribeMessage: (o: { tmplIds: string[]; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
        const res = { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])) };
        setTimeout(() => {
          o.success?.(res);
          o.complete?.(res);
        }, 0);
      },
    },
  });
  try {
    const r = await sim.openPage('packages/appointment/book/index', params['packages/appointment/book/index']);
    if (patched !== 1) {
      throw new Error('src/utils/subscribe.ts no longer reads its template pairs as an inlined "" right before askAt: update patchSource in this test');
    }
    await sim.input(r, 'ap-topic', '劳动合同模板审查，试用期条款是否合规');
    await sim.tapText(r, '确认预约', { quietMs: 200 });
    const asks = r.wx.filter((w) => w.api === 'requestSubscribeMessage');
    expect(asks.length).toBe(1);
    expect(asks[0].inTap).toBe(true);
    expect(asks[0].arg).toContain('tmpl-result');
    expect(r.cloud.filter((c) => c.action === 'book').map((c) => c.reply)).toEqual(['ok']);
    expect(r.nav.map((n) => `${n.api} ${n.url?.split('?')[0]} ${n.ok}`)).toEqual(['redirectTo /packages/appointment/booking/index true']);
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('certificate: the picture is drawn on a 2d canvas and saved to a temp file, with no TextEncoder (as on a phone)', async () => {
  const sim = await bootSim(h.gw, 'demo-visitor');
  try {
    const r = await sim.openPage('packages/volunteer/certificate/index');
    await sim.tapText(r, '生成证明', { quietMs: 300 });
    expect(r.cloud.filter((c) => c.action === 'issueCertificate').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).not.toContain('生成失败');
    expect(r.canvas.length).toBeGreaterThan(0);
    expect(r.canvas.flatMap((c) => c.unknown)).toEqual([]);
    expect(r.canvas.reduce((n, c) => n + c.calls.filter((x) => x === 'fillRect').length, 0)).toBeGreaterThan(100); // the QR modules
    expect(r.wx.map((w) => w.api)).toContain('canvasToTempFilePath');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('export: the admin’s ledger export is written to the user data folder and opened with openDocument', async () => {
  const sim = await bootSim(h.gw, 'demo-admin');
  try {
    const r = await sim.openPage('packages/admin/export/index');
    await sim.tapText(r, '导出', { quietMs: 300, nth: 0 });
    const exports = r.cloud.filter((c) => c.action === 'exportLedger');
    expect(exports.map((c) => c.reply)).toEqual(['ok']);
    const apis = r.wx.map((w) => `${w.api} ${w.arg}`);
    expect(apis.find((a) => a.startsWith('FileSystemManager.writeFileSync'))).toMatch(/http:\/\/usr\/.+\.xlsx/);
    expect(apis.find((a) => a.startsWith('openDocument'))).toMatch(/"fileType":"xlsx"/);
    expect(r.text.join(' ')).toContain('已导出');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('dashboard: pulling down reloads the figures (the page enables pull-down, so WeChat fires the hook)', async () => {
  const config = JSON.parse(fs.readFileSync(path.join(DIST, 'packages/admin/dashboard/index.json'), 'utf8'));
  expect(config.enablePullDownRefresh).toBe(true);
  const sim = await bootSim(h.gw, 'demo-admin');
  try {
    const r = await sim.openPage('packages/admin/dashboard/index');
    const before = r.cloud.filter((c) => c.action === 'dashboard').length;
    expect(await sim.pageEvent(r, 'onPullDownRefresh')).toBe(true);
    expect(r.cloud.filter((c) => c.action === 'dashboard').length).toBe(before + 1);
    expect(r.wx.map((w) => w.api)).toContain('stopPullDownRefresh');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});

it('navigation: tapping every entry of the tab pages and the admin hub opens pages that exist, with the right API', async () => {
  const sim = await bootSim(h.gw, 'demo-admin', { overrides: { scanCode: () => undefined } });
  const hubs = ['pages/index/index', 'pages/services/index', 'pages/study/index', 'pages/mine/index', 'packages/admin/index/index'];
  const navs: string[] = [];
  try {
    for (const route of hubs) {
      const r = await sim.openPage(route);
      // Short Chinese labels: menu entries, list rows, buttons.
      for (const label of [...new Set(r.text.filter((t) => t.length <= 12 && /[\u4e00-\u9fa5]/.test(t)))]) {
        await sim.tapText(r, label, { quietMs: 30 });
      }
      navs.push(...r.nav.map((n) => `${n.api} ${String(n.url).split('?')[0]}`));
      expect({ route, problems: problemsOf(r).filter((p) => !p.startsWith('tap:')) }).toEqual({ route, problems: [] });
    }
  } finally {
    sim.close();
  }
  // Enough distinct targets that the sweep really went through the menus.
  expect(new Set(navs).size).toBeGreaterThan(30);
});

it('organisation life: a secretary’s late meeting is edited on the meeting page and an admin verifies it on 组织生活核实', async () => {
  const ok = (r: { body: any }) => {
    expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
    return r.body.data;
  };
  const park = dayjs().tz(PARK_TZ);
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
  // A branch of its own: the seeded branch's last quarter is finalised, and 10 days back may fall there.
  const ent = async (n: string) => ok(await h.gw.call('org', 'createEnterprise', { name: `小程序核实${n}科技有限公司`, industry: '人工智能', foundedAt: park.subtract(5, 'year').format('YYYY-MM-DD'), headcount: 20 }, 'demo-admin')).id;
  const branchId = ok(await h.gw.call('org', 'upsertBranch', { name: '小程序核实联合党支部', form: '联合组建', enterpriseIds: [await ent('甲'), await ent('乙')] }, 'demo-admin')).id;
  const secretary = freshOpenid('weapp-sec');
  ok(await h.gw.call('user', 'acceptPrivacy', {}, secretary));
  ok(await h.gw.call('user', 'updateProfile', { name: '钱书记' }, secretary));
  ok(await h.gw.call('user', 'grantRole', { openid: secretary, role: 'secretary', branchId }, 'demo-admin'));
  const start = park.subtract(10, 'day').hour(9).minute(0);
  const rec = ok(await h.gw.call('org', 'createOrgLife', { branchId, kind: '支委会', topic: '补录支委会', startAt: fmt(start), endAt: fmt(start.add(1, 'hour')), place: '线上' }, secretary));
  expect(rec).toMatchObject({ state: 'pending', pendingReason: 'late' });

  const sec = await bootSim(h.gw, secretary);
  try {
    const r = await sec.openPage('packages/org/meeting/index', { id: rec.id });
    expect(r.text.join(' ')).toContain('会后 7 天以上录入');
    await sec.tapText(r, '修改记录');
    expect(r.text.join(' ')).toContain('会议开始后修改记录，需经管理员重新核实后才计入星级评定。');
    await sec.input(r, 'ol-edit-topic', '支委会：研究发展党员');
    await sec.tapText(r, '保存修改', { quietMs: 300 });
    expect(r.cloud.filter((c) => c.action === 'updateOrgLife').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).toContain('支委会：研究发展党员');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sec.close();
  }

  const nth = (ok(await h.gw.call('org', 'pendingOrgLife', {}, 'demo-admin')).rows as { id: string }[]).findIndex((x) => x.id === rec.id);
  expect(nth).toBeGreaterThanOrEqual(0);
  const admin = await bootSim(h.gw, 'demo-admin');
  try {
    const r = await admin.openPage('packages/org/verify/index');
    expect(r.text.join(' ')).toContain('支委会：研究发展党员');
    expect(r.text).toContain('会后修改了记录');
    await admin.tapText(r, '核实通过', { quietMs: 300, nth });
    expect(r.cloud.filter((c) => c.action === 'verifyOrgLife').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).not.toContain('支委会：研究发展党员');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    admin.close();
  }
  expect(ok(await h.gw.call('org', 'getOrgLife', { id: rec.id }, 'demo-admin'))).toMatchObject({ state: 'counted', confirmedBy: 'demo-admin' });

  // Someone outside the branch scanning a meeting's code is signed in as 列席.
  const now = ok(await h.gw.call('org', 'createOrgLife', { branchId, kind: '主题党日', topic: '小程序列席测试', startAt: fmt(park.subtract(10, 'minute')), endAt: fmt(park.add(50, 'minute')), place: '线上' }, secretary));
  const scene: string = ok(await h.gw.call('checkin', 'currentCode', { eventId: now.eventId }, secretary)).scene;
  const visitor = await bootSim(h.gw, 'demo-visitor');
  try {
    const r = await visitor.openPage('packages/checkin/scan/index', { scene: encodeURIComponent(scene) });
    expect(r.cloud.filter((c) => c.action === 'scan').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).toContain('已签到（列席）');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    visitor.close();
  }
});

it('支部工作: a secretary registers a transfer in, records a month’s 党费, moves an activist of over a year on (the subscribe prompt asked inside both taps), opens 花名册导入 and picks a 工作单位', async () => {
  const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
  const as = async (action: string, params: unknown) => {
    const r = await h.gw.call('party', action, params, 'demo-secretary');
    if (!r.body.ok) throw new Error(`${action}: ${JSON.stringify(r.body)}`);
    return r.body.data;
  };
  const dev = await as('createDevelopment', { name: '孙启航', branchId: 'branch-joint', appliedOn: day(430) });
  await as('advanceDevelopment', { id: dev.id, to: '入党积极分子', on: day(400) });
  const month = day(0).slice(0, 7);
  const payer = (await as('duesMonth', { branchId: 'branch-joint', month })).members[0];
  // The branch sub-package's copy of src/utils/subscribe.ts gets an id for partyDesk's template (see the booking test).
  let patched = 0;
  const patchSource = (file: string, code: string) => {
    if (!file.startsWith('packages/branch/') || !code.includes('requestSubscribeMessage')) return code;
    return code.replace(/\)\(""\)(;function \w+\(\w+\)\{var \w+=\(0,[\w$]+\.[\w$]+\)\(\w+,\w+\);if\(0===\w+\.length\)return Promise\.resolve\(\))/, (_, rest) => {
      patched++;
      return `)("partyReminder=tmpl-party")${rest}`;
    });
  };
  const sim = await bootSim(h.gw, 'demo-secretary', {
    patchSource,
    overrides: {
      requestSubscribeMessage: (o: { tmplIds: string[]; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
        const res = { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])) };
        setTimeout(() => {
          o.success?.(res);
          o.complete?.(res);
        }, 0);
      },
    },
  });
  try {
    // 转入 with a 介绍信: the dates default to today through the date pickers.
    const t = await sim.openPage('packages/branch/transfer-in/index', { branchId: 'branch-joint' });
    await sim.input(t, 'member-name', '韩明远');
    await sim.tapText(t, '预备党员', { quietMs: 50 });
    await sim.input(t, 'letter-org', '常州市武进区湖塘镇党委');
    await sim.input(t, 'letter-no', '武组转〔2026〕088号');
    await sim.tapText(t, '登记转入', { quietMs: 300, nth: -1 });
    expect(t.cloud.filter((c) => c.action === 'transferIn').map((c) => c.reply)).toEqual(['ok']);
    expect(t.nav.map((n) => n.api)).toContain('navigateBack');
    expect(problemsOf(t)).toEqual([]);

    // 党费: the amount of the month's first open row, then 标记已缴 (today).
    const d = await sim.openPage('packages/branch/dues/index');
    if (patched < 1) throw new Error('src/utils/subscribe.ts no longer reads its template pairs as an inlined "" right before askAt: update patchSource in this test');
    await sim.input(d, `amount-${payer.memberId}`, '25.5');
    await sim.tapText(d, '保存党费登记', { quietMs: 300, nth: 0 });
    expect(d.cloud.filter((c) => c.action === 'setDues').map((c) => c.reply)).toEqual(['ok']);
    const asks = d.wx.filter((w) => w.api === 'requestSubscribeMessage');
    expect(asks.length).toBe(1);
    expect(asks[0].inTap).toBe(true);
    await sim.tapText(d, '标记已缴', { quietMs: 300, nth: 0 });
    expect(d.cloud.filter((c) => c.action === 'markPaid').map((c) => c.reply)).toEqual(['ok']);
    expect(problemsOf(d)).toEqual([]);
    const paid = (await as('duesMonth', { branchId: 'branch-joint', month })).members.find((m: { memberId: string }) => m.memberId === payer.memberId);
    expect(paid).toMatchObject({ status: '已缴', amountFen: 2550, paidOn: day(0) });

    // 发展: two 培养联系人 from the roster, today's date.
    const full = (await as('listMembers', { branchId: 'branch-joint', standing: '正式' })).rows;
    const f = await sim.openPage('packages/branch/dev-file/index', { id: dev.id });
    await sim.tapText(f, full[0].name, { quietMs: 100, nth: -1 });
    await sim.tapText(f, full[1].name, { quietMs: 100, nth: -1 });
    await sim.tapText(f, '推进发展步骤', { quietMs: 300 });
    expect(f.cloud.filter((c) => c.action === 'advanceDevelopment').map((c) => c.reply)).toEqual(['ok']);
    expect(f.wx.filter((w) => w.api === 'requestSubscribeMessage').map((w) => w.inTap)).toEqual([true]);
    expect(problemsOf(f)).toEqual([]);
    const file = await as('developmentFile', { id: dev.id });
    expect(file.record.stage).toBe('发展对象');
    expect(file.record.contacts.map((c: { memberId: string }) => c.memberId).sort()).toEqual([full[0].id, full[1].id].sort());

    // 花名册导入 renders (picking a file needs a chat's file: the h5 e2e imports a real one).
    const imp = await sim.openPage('packages/branch/import/index');
    expect(imp.text.join(' ')).toContain('第一步：导出花名册作模板');
    expect(problemsOf(imp)).toEqual([]);

    // 工作单位 picked from the searchable list of park enterprises on the member form.
    const arrived = (await as('listMembers', { branchId: 'branch-joint', q: '韩明远' })).rows[0];
    const firm = (await h.gw.call('org', 'enterpriseOptions', {}, 'demo-secretary')).body.data.rows[0];
    const e = await sim.openPage('packages/branch/member-edit/index', { id: arrived.id });
    await sim.tapText(e, '选择工作单位', { quietMs: 300 });
    expect(e.cloud.filter((c) => c.action === 'enterpriseOptions').map((c) => c.reply)).toEqual(['ok']);
    await sim.tapText(e, firm.name, { quietMs: 100 });
    await sim.tapText(e, '保存修改', { quietMs: 300, nth: -1 });
    expect(e.cloud.filter((c) => c.action === 'upsertMember').map((c) => c.reply)).toEqual(['ok']);
    expect(problemsOf(e)).toEqual([]);
    expect((await as('getMember', { id: arrived.id })).member.enterpriseId).toBe(firm.id);
  } finally {
    sim.close();
  }
});

it('改约 and 加入手机日历: a confirmed booking goes to the phone calendar through addPhoneCalendar, then moves to another slot of the expert', async () => {
  const call = async (openid: string, action: string, params: unknown) => {
    const res = await h.gw.call('appointment', action, params, openid);
    if (!res.body.ok) throw new Error(`${action}: ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  type Slot = { id: string; bookable: boolean; lockedUntil: string | null };
  const usable = (s: Slot) => s.bookable && !s.lockedUntil;
  const slots: Slot[] = await call('demo-enterprise-a', 'listSlots', { expertId: 'demo-expert-legal' });
  const booking = await call('demo-enterprise-a', 'book', { slotId: slots.filter(usable)[0].id, topic: '知识产权许可合同条款咨询' });
  await call('demo-expert-legal', 'confirm', { bookingId: booking.id });
  let targetId = '';
  const sim = await bootSim(h.gw, 'demo-enterprise-a');
  try {
    // 加入手机日历: WeChat's own API with the server's event (times in seconds).
    const d = await sim.openPage('packages/appointment/booking/index', { id: booking.id });
    // The event was read when the confirmed booking opened, so the tap hands it to WeChat at once:
    // addPhoneCalendar works only inside a tap (「仅在点击行为时调用」; the sandbox refuses it outside).
    expect(d.cloud.filter((c) => c.action === 'calendarEvent').map((c) => c.reply)).toEqual(['ok']);
    await sim.tapText(d, '加入手机日历', { quietMs: 300 });
    const adds = d.wx.filter((w) => w.api === 'addPhoneCalendar');
    expect(adds.map((a) => a.inTap)).toEqual([true]);
    expect(adds[0].arg).toContain(`"startTime":${Math.floor(new Date(booking.startAt).getTime() / 1000)}`);
    expect(d.wx.filter((w) => w.api === 'showToast').map((w) => w.arg).join(' ')).toContain('已加入手机日历');
    expect(problemsOf(d)).toEqual([]);

    // 改约: the expert's other open slots, each with its 预约 tag in list order; the first usable one.
    const r = await sim.openPage('packages/appointment/reschedule/index', { id: booking.id });
    const choices = (await call('demo-enterprise-a', 'listSlots', { expertId: 'demo-expert-legal' }) as Slot[]).filter((s) => s.id !== booking.slotId);
    targetId = choices.filter(usable)[0].id;
    const tags: unknown[][] = [];
    const walk = (n: any, chain: unknown[]) => {
      if (!n || typeof n !== 'object') return;
      const here = n.sid && n.v === undefined ? [...chain, n] : chain;
      if (n.v === '预约') tags.push(here);
      for (const c of n.cn || []) walk(c, here);
    };
    walk(r.instance.data.root, []);
    expect(tags.length).toBe(choices.filter(usable).length);
    await sim.tapChain(r, tags[0]);
    await sim.tapText(r, '确认改约', { quietMs: 300, nth: -1 });
    expect(r.cloud.filter((c) => c.action === 'reschedule').map((c) => c.reply)).toEqual(['ok']);
    expect(r.nav.filter((n) => n.ok).length).toBe(1);
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
  const moved = await call('demo-enterprise-a', 'getBooking', { id: booking.id });
  expect([moved.slotId, moved.state, moved.moves]).toEqual([targetId, 'requested', 1]);
});
