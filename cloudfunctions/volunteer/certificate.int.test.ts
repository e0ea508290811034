/**
 * 志愿服务时长证明 through the gateway: issuing snapshots the person's own hours and is idempotent
 * per period, anyone can verify a real code (name masked), and a tampered, guessed or never-issued
 * code gets one and the same refusal.
 */
import { startTestGateway, freshOpenid, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { newUser } from '../../server/core/caller';
import { dayjs, PARK_TZ, parkDay } from '../../server/core/time';
import { CODE_ALPHABET, randomSerial, signCertCode } from './certificate';
import * as certificateModule from './certificate';
import { storeCertificate } from './certificates';
import { codeOf, ok } from '../../local/volunteer.testkit';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const thisYear = Number(parkDay().slice(0, 4));
const issue = (who: string, year = thisYear) => gw.call('volunteer', 'issueCertificate', { year }, who);
const verify = (code: string, who: string) => gw.call('volunteer', 'verifyCertificate', { code }, who);

/** A person with a name and credited hours: `minutes` per row, each row one activity (signing up took consent). */
async function volunteer(name: string | null, rows: { minutes: number; at: Date }[], consented = true) {
  const openid = freshOpenid('cert');
  await col('users').add({ _id: openid, ...newUser(openid), profile: name ? { name } : {}, privacyAcceptedAt: consented ? new Date() : null });
  for (const [i, r] of rows.entries()) {
    await col('volunteerRegistrations').add({
      activityId: `va-test-${i}`, openid, activeKey: `va-test-${i}:${openid}`, status: 'confirmed', ticket: i + 1, teamId: 'vt-yuanzhifan',
      title: `测试活动 ${i + 1}`, startAt: r.at, endAt: new Date(r.at.getTime() + r.minutes * 60_000), signedInAt: r.at,
      signedOutAt: new Date(r.at.getTime() + r.minutes * 60_000), minutes: r.minutes, hours: 'auto', noShow: false,
      promotedAt: null, cancelledAt: null, createdAt: r.at, updatedAt: r.at,
    });
  }
  return openid;
}

/** Instants safely inside this park year and the last one, whatever today's date. */
const startOfYear = dayjs.tz(`${thisYear}-01-01 00:00`, PARK_TZ).valueOf();
const inThisYear = (minutesAfterNewYear: number) => new Date(Math.min(startOfYear + minutesAfterNewYear * 60_000, Date.now() - 60_000));
const inLastYear = () => new Date(startOfYear - 40 * 86400_000);

test('a_volunteer_gets_a_certificate_of_their_own_hours_in_the_period_with_a_signed_code', async () => {
  const p = await volunteer('陈晓明', [
    { minutes: 90, at: inThisYear(600) },
    { minutes: 45, at: inThisYear(700) },
    { minutes: 60, at: inLastYear() },
  ]);
  const c = await ok(issue(p));
  expect(c).toMatchObject({
    name: '陈晓明', minutes: 135, label: '2 小时 15 分', hours: 2.3, activities: 2,
    periodFrom: `${thisYear}-01-01`, periodTo: parkDay(), issuer: '星河湾产业园党群服务中心', issuedOn: parkDay(),
  });
  expect(c.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{5}-[${CODE_ALPHABET}]{5}$`));
  expect(c.verifyUrl).toBe(`${gw.url}/#/packages/volunteer/verify/index?code=${c.code.replace('-', '')}`);

  const last = await ok(issue(p, thisYear - 1));
  expect(last).toMatchObject({ minutes: 60, activities: 1, periodFrom: `${thisYear - 1}-01-01`, periodTo: `${thisYear - 1}-12-31` });
  expect(last.code).not.toBe(c.code);
});

test('issuing_the_same_period_again_returns_the_same_certificate_and_its_figures_never_change', async () => {
  const p = await volunteer('王芳', [{ minutes: 120, at: inThisYear(600) }]);
  const first = await ok(issue(p));
  // Nothing changed: a second tap, another day, five taps at once — the same certificate.
  expect(await ok(issue(p))).toEqual(first);
  const burst = await Promise.all(Array.from({ length: 5 }, () => ok(issue(p))));
  expect(new Set(burst.map((b) => b.code))).toEqual(new Set([first.code]));
  expect((await col('volunteerCertificates').where({ openid: p }).get()).data).toHaveLength(1);
  const v = await ok(verify(first.code, freshOpenid('verifier')));
  expect(v.certificate).toMatchObject({ minutes: 120, activities: 1 });
});

test('a_new_certificate_for_the_same_year_supersedes_the_old_one_which_verifies_as_updated_with_its_own_figures', async () => {
  const p = await volunteer('王芳', [{ minutes: 120, at: inThisYear(600) }]);
  const first = await ok(issue(p));
  // A new activity credited after issuing: the next certificate carries it, the first keeps its snapshot.
  await col('volunteerRegistrations').add({ activityId: 'va-late', openid: p, minutes: 30, startAt: inThisYear(800), status: 'confirmed', hours: 'auto' });
  const burst = await Promise.all(Array.from({ length: 4 }, () => ok(issue(p))));
  expect(new Set(burst.map((b) => b.code)).size).toBe(1);
  const second = burst[0];
  expect(second.code).not.toBe(first.code);
  expect(second).toMatchObject({ minutes: 150, activities: 2 });
  const old = await ok(verify(first.code, 'demo-visitor'));
  expect(old).toMatchObject({ valid: false, status: 'superseded', message: '该证明已更新，请向持证人索取最新的证明。', certificate: { minutes: 120 } });
  expect(await ok(verify(second.code, 'demo-visitor'))).toMatchObject({ valid: true, status: 'current', certificate: { minutes: 150 } });
  // A new name is a new certificate too, and never brings the old one back.
  await col('users').doc(p).update({ profile: { name: '王建国' } });
  const third = await ok(issue(p));
  expect(third.name).toBe('王建国');
  expect((await ok(verify(second.code, 'demo-visitor'))).status).toBe('superseded');
  const all = (await col('volunteerCertificates').where({ openid: p }).get()).data;
  expect(all.filter((c) => !c.supersededAt && !c.revokedAt).map((c) => c.code)).toEqual([third.code.replace('-', '')]);
});

test('an_admin_revokes_a_certificate_with_a_reason_and_verify_answers_that_it_is_void', async () => {
  const p = await volunteer('赵磊', [{ minutes: 90, at: inThisYear(600) }]);
  const c = await ok(issue(p));
  const revoke = (who: string, params: object) => gw.call('volunteer', 'revokeCertificate', params, who);
  expect(await codeOf(revoke('demo-member', { code: c.code, reason: '时长记录有误' }))).toBe('FORBIDDEN');
  expect(await codeOf(revoke('demo-admin', { code: c.code, reason: '' }))).toBe('VALIDATION');
  expect(await codeOf(revoke('demo-admin', { code: 'ABCDE-FGHJK', reason: '时长记录有误' }))).toBe('NOT_FOUND');
  const r = await ok(revoke('demo-admin', { code: c.code, reason: '时长记录有误' }));
  expect(r).toMatchObject({ status: 'revoked', reason: '时长记录有误' });
  expect(await ok(verify(c.code, freshOpenid('verifier')))).toEqual({
    valid: false, status: 'revoked', message: '该证明已作废', reason: '时长记录有误', revokedOn: parkDay(),
  });
  expect(await codeOf(revoke('demo-admin', { code: c.code, reason: '再次作废' }))).toBe('CLOSED');
  const audit = (await col('audit').where({ action: 'revokeCertificate', actor: 'demo-admin' }).get()).data.filter((a) => (a.after as { code?: string }).code === c.code);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ before: { status: 'current' }, after: { status: 'revoked', reason: '时长记录有误' } });
  // The holder may ask for a new certificate of the hours as recorded now.
  const fresh = await ok(issue(p));
  expect(fresh.code).not.toBe(c.code);
  expect((await ok(verify(fresh.code, 'demo-visitor'))).valid).toBe(true);
});

test('the_name_on_a_certificate_is_marked_as_declared_by_the_holder_not_verified_by_the_center', async () => {
  const p = await volunteer('孙悦', [{ minutes: 60, at: inThisYear(600) }]);
  const c = await ok(issue(p));
  expect(c.nameNote).toBe('姓名由本人填报');
  expect((await ok(verify(c.code, 'demo-visitor'))).certificate).toMatchObject({ name: '孙*', nameNote: '姓名由本人填报' });
});

test('anyone_verifies_a_real_code_and_sees_the_snapshot_with_the_name_masked_and_nothing_else', async () => {
  const p = await volunteer('陈晓明', [{ minutes: 200, at: inThisYear(600) }]);
  const c = await ok(issue(p));
  const stranger = freshOpenid('anon');
  for (const input of [c.code, c.code.replace('-', '').toLowerCase(), c.verifyUrl, encodeURIComponent(c.verifyUrl)]) {
    const v = await ok(verify(input, stranger));
    expect(v.valid).toBe(true);
    expect(v.certificate).toEqual({
      code: c.code, name: '陈*明', nameNote: '姓名由本人填报', minutes: 200, label: '3 小时 20 分', hours: 3.3, activities: 1, periodFrom: c.periodFrom,
      periodTo: c.periodTo, issuer: '星河湾产业园党群服务中心', issuedAt: c.issuedAt, issuedOn: c.issuedOn,
    });
    // Neither the holder's identity nor the full name goes out.
    expect(JSON.stringify(v)).not.toContain(p);
    expect(JSON.stringify(v)).not.toContain('陈晓明');
  }
});

test('a_tampered_a_guessed_or_a_never_issued_code_gets_the_same_refusal', async () => {
  const p = await volunteer('刘思远', [{ minutes: 50, at: inThisYear(600) }]);
  const c = await ok(issue(p));
  const bare: string = c.code.replace('-', '');
  const flip = (s: string, i: number) => s.slice(0, i) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(s[i]) + 1) % 32] + s.slice(i + 1);
  const wellSignedNeverIssued = signCertCode(randomSerial(), process.env.REDPARK_CERT_SECRET!);
  const refusals = [flip(bare, 0), flip(bare, 9), 'ABCDE-FGHJK', wellSignedNeverIssued, 'hello', ''];
  for (const bad of refusals) {
    const r = await verify(bad, 'demo-visitor');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, data: { valid: false } });
  }
  // The real one still verifies.
  expect((await ok(verify(c.code, 'demo-visitor'))).valid).toBe(true);
});

test('a_person_only_ever_gets_a_certificate_of_their_own_hours', async () => {
  const holder = await volunteer('郑凯', [{ minutes: 300, at: inThisYear(600) }]);
  await ok(issue(holder));
  // Another person with a name but no hours cannot get anything out of the holder's record.
  const other = await volunteer('何雨桐', []);
  expect(await codeOf(issue(other))).toBe('CONFLICT');
  expect((await col('volunteerCertificates').where({ openid: other }).get()).data).toHaveLength(0);
});

test('a_name_is_required_and_only_this_or_past_years_can_be_certified', async () => {
  const nameless = await volunteer(null, [{ minutes: 30, at: inThisYear(600) }]);
  const r = await issue(nameless);
  expect(r.body.error.code).toBe('VALIDATION');
  expect(r.body.error.message).toContain('姓名');
  const named = await volunteer('冯晓燕', [{ minutes: 30, at: inThisYear(600) }]);
  expect(await codeOf(issue(named, thisYear + 1))).toBe('VALIDATION');
  expect(await codeOf(gw.call('volunteer', 'issueCertificate', { year: '2026' }, named))).toBe('VALIDATION');
  expect(await codeOf(gw.call('volunteer', 'verifyCertificate', { code: 'x'.repeat(301) }, named))).toBe('VALIDATION');
});

test('a_person_who_has_not_agreed_to_the_privacy_guideline_gets_no_certificate_and_nothing_is_stored', async () => {
  const who = await volunteer('周小川', [{ minutes: 90, at: inThisYear(60) }], false);
  const r = await issue(who);
  expect(r.body.error.code).toBe('FORBIDDEN');
  expect((await col('volunteerCertificates').where({ openid: who }).count()).total).toBe(0);
});

test('a_serial_already_taken_by_another_certificate_is_redrawn_and_both_certificates_stand', async () => {
  // Force the one-in-33-million clash: the second certificate's first draw repeats the first's serial.
  const spy = jest.spyOn(certificateModule, 'randomSerial').mockReturnValueOnce('K7M2Q').mockReturnValueOnce('K7M2Q');
  try {
    const base = { name: '测试', minutes: 60, activities: 1, periodFrom: '2025-01-01', periodTo: '2025-12-31', issuer: '测试中心', issuedAt: new Date() };
    const secret = 'x'.repeat(32);
    const a = await storeCertificate({ ...base, openid: freshOpenid('clash') }, secret);
    const b = await storeCertificate({ ...base, openid: freshOpenid('clash') }, secret);
    expect(a.code.startsWith('K7M2Q')).toBe(true);
    expect(spy).toHaveBeenCalledTimes(3);
    expect(b.code).not.toBe(a.code);
    expect((await col('volunteerCertificates').where({ code: b.code }).get()).data.map((c) => c._id)).toEqual([b._id]);
  } finally {
    spy.mockRestore();
  }
});
