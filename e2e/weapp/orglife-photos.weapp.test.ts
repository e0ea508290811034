/**
 * 会议照片 (finding G-03) in the weapp sandbox of sim.ts: the secretary picks two pictures on the
 * meeting page, each goes to cloud storage (wx.cloud.uploadFile, as strict as the real one about
 * its path), the record is changed once with both `cloud://` ids, the thumbnails show those ids
 * and open WeChat's viewer; a photo is deleted after confirming. The meeting is tomorrow's (built
 * from now in park time), so the edit does not send it back to 核实 and no quarter is finalised.
 */
import { dayjs, PARK_TZ } from '../../server/core/time';
import { bootSim, problemsOf, useWeappGateway } from './harness';
import { findNode } from './sim';

jest.setTimeout(180_000);

const h = useWeappGateway();

const ok = (r: { body: any }) => {
  expect([r.body.error?.message, r.body.ok]).toEqual([undefined, true]);
  return r.body.data;
};
type Rec = { wx: { api: string; arg: string; inTap: boolean }[] };
const calls = (r: Rec, api: string) => r.wx.filter((w) => w.api === api);
/** A wx API answering through its callbacks a moment later, as WeChat does. */
const answer = (res: Record<string, unknown>) => (o: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
  setTimeout(() => {
    o.success?.(res);
    o.complete?.(res);
  }, 0);
};
// Taro's template shortens attribute names (an image's src is not called src): look for the value.
const holds = (v: string) => (n: Record<string, unknown>) => Object.values(n).includes(v);

test('the_secretary_adds_two_meeting_photos_through_cloud_storage_sees_them_and_deletes_one_after_confirming', async () => {
  const start = dayjs().tz(PARK_TZ).add(1, 'day').hour(9).minute(0);
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
  const rec = ok(await h.gw.call('org', 'createOrgLife', { branchId: 'branch-joint', kind: '党小组会', topic: '照片测试：党小组会', startAt: fmt(start), endAt: fmt(start.add(60, 'minute')), place: '党群服务中心' }, 'demo-secretary'));

  const sim = await bootSim(h.gw, 'demo-secretary', {
    overrides: {
      chooseMedia: answer({ type: 'image', tempFiles: [{ tempFilePath: 'http://tmp/meeting-1.jpg', size: 120_000, fileType: 'image' }, { tempFilePath: 'http://tmp/meeting-2.png', size: 90_000, fileType: 'image' }] }),
      showModal: answer({ confirm: true, cancel: false }),
    },
  });
  try {
    const r = await sim.openPage('packages/org/meeting/index', { id: rec.id });
    expect(r.text.join(' ')).toContain('会议照片（0）');
    expect(await sim.tapText(r, '添加照片（还可 9 张）', { quietMs: 600 })).toBe(true);
    expect(calls(r, 'chooseMedia')[0]?.inTap).toBe(true);
    const uploads = calls(r, 'cloud.uploadFile');
    expect(uploads).toHaveLength(2);
    for (const u of uploads) expect(u.arg).toContain(`orglife/${rec.id}/`);
    expect(r.cloud.filter((c) => c.action === 'updateOrgLife').map((c) => c.reply)).toEqual(['ok']);
    expect(problemsOf(r)).toEqual([]);

    const saved = ok(await h.gw.call('org', 'getOrgLife', { id: rec.id }, 'demo-secretary'));
    expect(saved.photos).toHaveLength(2);
    for (const f of saved.photos) expect(f).toMatch(new RegExp(`^cloud://[^/]+/orglife/${rec.id}/`));
    expect(saved.state).toBe('counted');

    // The page again: the thumbnails carry the cloud ids; a tap opens WeChat's viewer on all of them.
    const again = await sim.openPage('packages/org/meeting/index', { id: rec.id });
    expect(again.text.join(' ')).toContain('会议照片（2）');
    const thumb = findNode(again.instance.data.root, holds(saved.photos[0]));
    expect(thumb).not.toBeNull();
    await sim.tapChain(again, thumb!, { quietMs: 200 });
    const viewer = calls(again, 'previewImage');
    expect(viewer).toHaveLength(1);
    expect(viewer[0].arg).toContain(saved.photos[0]); // the record is cut at 200 characters

    // 删除 asks first (showModal), then the record keeps the other photo only.
    expect(await sim.tapText(again, '删除', { quietMs: 600 })).toBe(true);
    expect(calls(again, 'showModal')).toHaveLength(1);
    const after = ok(await h.gw.call('org', 'getOrgLife', { id: rec.id }, 'demo-secretary'));
    expect(after.photos).toEqual([saved.photos[1]]);
    expect(problemsOf(again)).toEqual([]);
  } finally {
    sim.close();
  }
});

test('a_withdrawn_records_photos_still_show_but_nobody_is_offered_to_add_or_delete_them', async () => {
  const start = dayjs().tz(PARK_TZ).add(2, 'day').hour(14).minute(0);
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD HH:mm');
  const photo = 'cloud://redpark-sim-0a1b2c.7265-redpark-sim-0a1b2c-1300000000/orglife/seed/1.jpg';
  const rec = ok(await h.gw.call('org', 'createOrgLife', { branchId: 'branch-joint', kind: '主题党日', topic: '照片测试：主题党日', startAt: fmt(start), endAt: fmt(start.add(90, 'minute')), place: '党群服务中心', photos: [photo] }, 'demo-secretary'));
  ok(await h.gw.call('org', 'withdrawOrgLife', { id: rec.id, reason: '重复录入' }, 'demo-secretary'));
  const sim = await bootSim(h.gw, 'demo-admin');
  try {
    const r = await sim.openPage('packages/org/meeting/index', { id: rec.id });
    expect(r.text.join(' ')).toContain('会议照片（1）');
    expect(findNode(r.instance.data.root, holds(photo))).not.toBeNull();
    expect(r.text.join(' ')).not.toContain('添加照片');
    expect(r.text.join(' ')).not.toContain('删除');
    expect(problemsOf(r)).toEqual([]);
  } finally {
    sim.close();
  }
});
