/**
 * 重办 in the weapp build (the WeChat-like sandbox of sim.ts against the local gateway): the
 * enterprise answers the handler's 补充材料 question on the demand page, rates the resolution
 * 不满意 with a reason (重办), the admin hands the 重办 to another handler on the same page, and the
 * enterprise rates the second resolution; the timeline shows the two rounds. The handlers' steps
 * go through the gateway: their pages are covered by the h5 suite (e2e/demand-sla.e2e.test.ts).
 */
import { bootSim, problemsOf, useWeappGateway } from './harness';
import type { PageRecord, WeappSim } from './sim';

jest.setTimeout(120_000);

const h = useWeappGateway();

/**
 * Types into the n-th NutUI TextArea of the page. Its textarea has no id and a compressed node name
 * in the weapp tree, so sim.input finds it neither way: it is picked by NutUI's class and named by
 * its own sid (the id WeChat's event carries for an element without one).
 */
async function typeArea(sim: WeappSim, r: PageRecord, nth: number, value: string) {
  const hits: { sid: string; uid?: string }[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (n.sid && String(n.cl ?? '').includes('nut-textarea-textarea')) hits.push(n);
    (n.cn ?? []).forEach(walk);
  };
  walk(r.instance.data.root);
  const el = hits[nth];
  if (!el) throw new Error(`no NutUI textarea #${nth} on the page`);
  el.uid = el.sid;
  expect(await sim.input(r, el.sid, value)).toBe(true);
}
const DETAIL = 'packages/demand/detail/index';

it('重办: the enterprise answers a 补充材料 request, rates 不满意 with a reason, the admin hands it to another handler, the second resolution is rated', async () => {
  const as = async (openid: string, action: string, params: unknown) => {
    const r = await h.gw.call('demand', action, params, openid);
    if (!r.body.ok) throw new Error(`${action}: ${JSON.stringify(r.body)}`);
    return r.body.data;
  };
  const { id } = await as('demo-enterprise-a', 'submit', { category: '法律', title: '小程序重办：劳动合同审查', description: '新版劳动合同模板需要审查竞业限制条款。' });
  await as('demo-admin', 'assign', { id, handlerOpenid: 'demo-expert-finance' });
  await as('demo-expert-finance', 'accept', { id });
  await as('demo-expert-finance', 'askInfo', { id, question: '请补充现行劳动合同模板全文。' });

  const ent = await bootSim(h.gw, 'demo-enterprise-a');
  try {
    // The question, the paused clock, and the answer.
    const r = await ent.openPage(DETAIL, { id });
    const text = () => r.text.join(' ');
    expect(text()).toContain('待补充材料');
    // JSX text and a value are separate text nodes in the weapp tree.
    expect(text()).toMatch(/办理人的问题：\s*请补充现行劳动合同模板全文。/);
    expect(text()).toContain('计时已暂停');
    await typeArea(ent, r, 0, '模板全文已发至中心邮箱。');
    await ent.tapText(r, '提交补充说明', { quietMs: 300 });
    expect(r.cloud.filter((c) => c.action === 'answerInfo').map((c) => c.reply)).toEqual(['ok']);
    expect(text()).toContain('办理中');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    ent.close();
  }

  await as('demo-expert-finance', 'resolve', { id, resolution: '已出具审查意见。' });
  const ent2 = await bootSim(h.gw, 'demo-enterprise-a');
  try {
    // 2 stars: the reason is asked for and the button becomes 不满意，申请重办.
    const r = await ent2.openPage(DETAIL, { id });
    await ent2.tapText(r, '★', { quietMs: 50, nth: 1 });
    expect(r.text.join(' ')).toContain('不满意的原因');
    await typeArea(ent2, r, 0, '审查意见没有针对竞业限制条款。');
    await ent2.tapText(r, '不满意，申请重办', { quietMs: 300 });
    expect(r.cloud.filter((c) => c.action === 'redo').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).toContain('不满意待重办');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    ent2.close();
  }

  const admin = await bootSim(h.gw, 'demo-admin');
  try {
    // The admin hands the 重办 to 周文 (the legal expert) instead of the first handler.
    const r = await admin.openPage(DETAIL, { id });
    expect(r.text.join(' ')).toContain('安排重办');
    expect(r.text.join(' ')).toMatch(/企业对办理结果不满意\s*：\s*审查意见没有针对竞业限制条款。/);
    await admin.tapText(r, '周文', { quietMs: 50 });
    await admin.tapText(r, '确认重办', { quietMs: 300 });
    expect(r.cloud.filter((c) => c.action === 'assign').map((c) => c.reply)).toEqual(['ok']);
    expect(problemsOf(r)).toEqual([]);
  } finally {
    admin.close();
  }
  expect(await as('demo-admin', 'get', { id })).toMatchObject({ state: 'submitted', handlerName: '周文', handlerOpenid: 'demo-expert-legal' });

  await as('demo-expert-legal', 'accept', { id });
  await as('demo-expert-legal', 'resolve', { id, resolution: '已修改竞业限制条款并当面说明。' });
  const ent3 = await bootSim(h.gw, 'demo-enterprise-a');
  try {
    const r = await ent3.openPage(DETAIL, { id });
    // The last ★ on the page is the panel's fifth star (the earlier rating shows its stars above).
    await ent3.tapText(r, '★', { quietMs: 50, nth: -1 });
    await ent3.tapText(r, '提交评价', { quietMs: 300 });
    expect(r.cloud.filter((c) => c.action === 'rate').map((c) => c.reply)).toEqual(['ok']);
    expect(r.text.join(' ')).toContain('第 2 轮办理（不满意重办）');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    ent3.close();
  }
  const done = await as('demo-admin', 'get', { id });
  expect(done).toMatchObject({ state: 'rated', score: 5, unsatisfied: true });
  expect(done.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'assign', 'accept', 'askInfo', 'answerInfo', 'resolve', 'redo', 'assign', 'accept', 'resolve', 'rate']);
});
