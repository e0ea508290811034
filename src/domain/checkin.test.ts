import { barPercent, describeScan, lastDays, launchCode, newNonce, parkDateTime, parkHHmm, secondsLeft, type ScanOutcome } from './checkin';

describe('launchCode', () => {
  it('reads the scene WeChat passes URL-encoded, the in-app code, or nothing', () => {
    expect(launchCode({ scene: encodeURIComponent('v:venue-hall') })).toBe('v:venue-hall');
    expect(launchCode({ scene: 'eab12cd34.1a2b3c.abcdefghijkl' })).toBe('eab12cd34.1a2b3c.abcdefghijkl');
    expect(launchCode({ code: 'packages/checkin/scan/index?scene=v%3Avenue-hall' })).toBe('packages/checkin/scan/index?scene=v:venue-hall');
    expect(launchCode({ scene: encodeURIComponent(encodeURIComponent('v:venue-hall')) })).toBe('v:venue-hall');
    expect(launchCode({})).toBe('');
    expect(launchCode({ scene: '%E0%A4%A' })).toBe('%E0%A4%A');
  });
});

describe('describeScan', () => {
  const base: ScanOutcome = { status: 'ok', kind: 'venue', at: '2026-11-23T06:35:00.000Z', person: { name: '张卫东' }, venue: { id: 'venue-hall', name: '党群服务中心大厅' }, event: null };
  it('greets by name and says where; a repeat says 已签到 with the first time', () => {
    expect(describeScan(base, parkHHmm)).toMatchObject({ headline: '签到成功', greeting: '张卫东，您好！', lead: '欢迎来到党群服务中心大厅。', time: '签到时间：14:35' });
    expect(describeScan({ ...base, status: 'already' }, parkHHmm)).toMatchObject({ headline: '已签到', lead: '您已在 14:35 签到，无需重复扫码。' });
    const ev = describeScan({ ...base, kind: 'event', event: { id: 'x', title: '大党课', place: '“三新”讲习所' }, person: { name: '' } }, parkHHmm);
    expect(ev).toMatchObject({ greeting: '您好！', lead: '欢迎参加“大党课”。', detail: '地点：“三新”讲习所' });
  });
  it('a_non_member_scanning_a_branch_meeting_is_told_they_are_signed_in_as_a_guest', () => {
    const ev = { ...base, kind: 'event' as const, event: { id: 'x', title: '主题党日', place: '党员活动室' } };
    expect(describeScan({ ...ev, guest: true }, parkHHmm)).toMatchObject({ headline: '已签到（列席）', lead: '您不是本支部党员，已作为列席人员登记参加“主题党日”。' });
    expect(describeScan(ev, parkHHmm).headline).toBe('签到成功');
  });
  it('a_sign_out_is_headed_as_a_sign_out_not_as_already_signed_in', () => {
    expect(describeScan({ ...base, kind: 'event', status: 'signedOut', event: { id: 'x', title: '志愿活动', place: '大厅' } }, parkHHmm)).toMatchObject({ headline: '签退成功' });
  });
});

describe('small helpers', () => {
  it('nonces are long enough for the server and differ', () => {
    const a = newNonce();
    expect(a).toMatch(/^[a-z0-9]{20}$/);
    expect(newNonce()).not.toBe(a);
  });
  it('countdown, bars, park dates', () => {
    expect(secondsLeft(10_500, 0)).toBe(11);
    expect(secondsLeft(0, 5)).toBe(0);
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(10, 10)).toBe(100);
    expect(barPercent(1, 1000)).toBe(2);
    expect(lastDays(7, new Date('2026-11-22T17:00:00Z'))).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(parkDateTime('2026-11-23T06:30:00.000Z')).toBe('11月23日 14:30');
  });
});
