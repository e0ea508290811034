import { LOCAL_APPID, platformOpenData, resetPlatformOpenData, resolveGroupShare, verifyGroupShare } from './openData';
import { replaceTestCloudIds, testCloudId } from '../../local/openData';
import { AppError } from './errors';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const sec = (ms: number) => Math.floor(ms / 1000);
const replaced = (openGId: string, at = NOW, appid = 'wxapp') => ({ cloudID: 'c1', data: { openGId, watermark: { timestamp: sec(at), appid } } });

describe('verifyGroupShare', () => {
  test('accepts_fresh_data_with_our_appid_in_either_spelling_of_the_group_id', () => {
    expect(verifyGroupShare(replaced('GabcdEF12'), { now: NOW, appid: 'wxapp' })).toEqual({ ok: true, share: { openGId: 'GabcdEF12', at: sec(NOW) * 1000, appid: 'wxapp' } });
    const lower = { cloudID: 'c', data: { opengid: 'Gxyz1234', chat_type: 3, watermark: { timestamp: sec(NOW), appid: 'wxapp' } } };
    expect(verifyGroupShare(lower, { now: NOW, appid: 'wxapp' })).toMatchObject({ ok: true, share: { openGId: 'Gxyz1234' } });
  });

  test('refuses_stale_future_foreign_failed_and_misshapen_data', () => {
    const opts = { now: NOW, appid: 'wxapp' };
    expect(verifyGroupShare(replaced('Gabcd1234', NOW - 11 * 60_000), opts)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyGroupShare(replaced('Gabcd1234', NOW + 5 * 60_000), opts)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyGroupShare(replaced('Gabcd1234', NOW, 'wxother'), opts)).toEqual({ ok: false, reason: 'appid' });
    expect(verifyGroupShare(replaced('Gabcd1234'), { now: NOW, appid: '' })).toEqual({ ok: false, reason: 'appid' });
    expect(verifyGroupShare({ cloudID: 'c', errCode: -601006, errMsg: 'x' }, opts)).toEqual({ ok: false, reason: 'failed' });
    expect(verifyGroupShare({ cloudID: 'c' }, opts)).toEqual({ ok: false, reason: 'shape' });
    expect(verifyGroupShare({ cloudID: 'c', data: { openGId: 'a b', watermark: { timestamp: sec(NOW), appid: 'wxapp' } } }, opts)).toEqual({ ok: false, reason: 'shape' });
    expect(verifyGroupShare('test:Gabcd1234', opts)).toEqual({ ok: false, reason: 'shape' });
  });
});

describe('the local gateway replacement', () => {
  test('replaces_a_top_level_test_cloudid_and_overwrites_any_client_data', () => {
    const out = replaceTestCloudIds({ groupId: 'g1', share: { cloudID: testCloudId('Greal1234'), data: { openGId: 'Gforged99' } } }, NOW) as any;
    expect(out.groupId).toBe('g1');
    expect(out.share).toEqual({ cloudID: 'test:Greal1234', data: { openGId: 'Greal1234', watermark: { timestamp: sec(NOW), appid: LOCAL_APPID } } });
  });

  test('anything_but_the_test_form_becomes_an_error_and_nested_fields_are_left_alone', () => {
    const out = replaceTestCloudIds({ share: { cloudID: '27_realLookingId', data: { openGId: 'Gforged99' } }, deep: { inner: { cloudID: 'test:Gabcd1234' } } }, NOW) as any;
    expect(out.share).toMatchObject({ cloudID: '27_realLookingId', errCode: -601006 });
    expect(out.share.data).toBeUndefined();
    expect(out.deep).toEqual({ inner: { cloudID: 'test:Gabcd1234' } });
  });
});

describe('the production exchange (wx-server-sdk getOpenData, faked)', () => {
  const fake = (reply: unknown) => {
    const calls: unknown[] = [];
    const sdk = { DYNAMIC_CURRENT_ENV: 'env', init: () => undefined, getOpenData: async (p: unknown) => (calls.push(p), reply) } as any;
    return { sdk, calls };
  };
  beforeEach(() => {
    resetPlatformOpenData();
    process.env.REDPARK_WX_APPID = 'wxapp';
  });
  afterEach(() => {
    delete process.env.REDPARK_WX_APPID;
    resetPlatformOpenData();
  });

  test('takes_the_group_from_wechats_answer_not_from_the_request', async () => {
    const { sdk, calls } = fake({ list: [replaced('Greal1234', Date.now())] });
    const share = await resolveGroupShare({ cloudID: 'c1' }, platformOpenData(() => sdk));
    expect(share.openGId).toBe('Greal1234');
    expect(calls).toEqual([{ list: ['c1'] }]);
  });

  test('a_request_claiming_another_group_than_wechat_confirms_is_refused_as_forged', async () => {
    const { sdk } = fake({ list: [replaced('Greal1234', Date.now())] });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const forged = { cloudID: 'c1', data: { openGId: 'Gforged99', watermark: { timestamp: sec(Date.now()), appid: 'wxapp' } } };
    await expect(resolveGroupShare(forged, platformOpenData(() => sdk))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    warn.mockRestore();
  });

  test('reads_the_https_form_with_a_json_string_and_refuses_wechat_errors', async () => {
    const json = JSON.stringify(replaced('Gjson1234', Date.now()));
    const ok = fake({ list: [{ cloud_id: 'c1', json }] });
    expect((await resolveGroupShare({ cloudID: 'c1' }, platformOpenData(() => ok.sdk))).openGId).toBe('Gjson1234');
    resetPlatformOpenData();
    const bad = fake({ list: [{ cloudID: 'c1', errCode: 40003, errMsg: 'invalid' }] });
    const err = await resolveGroupShare({ cloudID: 'c1' }, platformOpenData(() => bad.sdk)).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('VALIDATION');
  });
});
