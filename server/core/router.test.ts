import * as z from 'zod';
import { action, dispatch, type ActionTable } from './router';
import { AppError } from './errors';
import type { Caller } from './caller';
import type { Role } from './roles';

// The router is tested without a database: the caller is looked up from this map.
const ROLES: Record<string, Role[]> = { alice: ['visitor'], boss: ['visitor', 'admin'] };
jest.mock('./caller', () => ({
  loadCaller: async (openid: string): Promise<Partial<Caller>> => ({ openid, roles: ROLES[openid] ?? ['visitor'] }),
}));

const seen: unknown[] = [];
const table: ActionTable = {
  echo: action({
    roles: 'anyone',
    params: z.strictObject({ name: z.string().max(5), n: z.number().int().optional() }),
    handler: async (p, ctx) => ({ p, who: ctx.caller.openid }),
  }),
  adminOnly: action({ roles: ['admin'], params: z.strictObject({}), handler: async () => 'secret' }),
  boom: action({
    roles: 'anyone',
    params: z.strictObject({}),
    handler: async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.3:27017 collection users at /srv/app/node_modules/x.js:12');
    },
  }),
  dup: action({
    roles: 'anyone',
    params: z.strictObject({}),
    handler: async () => {
      throw Object.assign(new Error('[DATABASE_DUPLICATE_WRITE] E11000 index uniq_name'), { code: 'DATABASE_DUPLICATE_WRITE' });
    },
  }),
  closed: action({
    roles: 'anyone',
    params: z.strictObject({}),
    handler: async () => {
      throw new AppError('CLOSED', '活动已结束。');
    },
  }),
  record: action({ roles: 'anyone', params: z.strictObject({ v: z.unknown() }), handler: async (p) => seen.push(p) }),
};

describe('dispatch', () => {
  let errorLog: jest.SpyInstance;
  beforeEach(() => {
    errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errorLog.mockRestore());

  test('ok_reply_wraps_handler_result_with_caller_from_identity_only', async () => {
    const reply = await dispatch('t', table, { action: 'echo', params: { name: 'a' }, userInfo: { openId: 'boss' } } as never, { openid: 'alice' });
    expect(reply).toEqual({ ok: true, data: { p: { name: 'a' }, who: 'alice' } });
  });

  test('missing_identity_is_unauthenticated', async () => {
    for (const openid of [undefined, null, '', '   ']) {
      const reply = await dispatch('t', table, { action: 'echo', params: { name: 'a' } }, { openid });
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  test('unknown_action_and_inherited_names_are_not_found', async () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor', undefined, 42]) {
      const reply = await dispatch('t', table, { action: name }, { openid: 'alice' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  test('bad_params_are_validation_with_field_paths_in_chinese', async () => {
    const reply = await dispatch('t', table, { action: 'echo', params: { name: 'toolongname', n: 'x' } }, { openid: 'alice' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('VALIDATION');
    expect(reply.error.message).toContain('name');
    expect(reply.error.message).toContain('n（');
    expect(reply.error.message).toMatch(/^请检查：/);
  });

  test('unknown_keys_and_prototype_keys_are_refused', async () => {
    const extra = await dispatch('t', table, { action: 'echo', params: { name: 'a', admin: true } }, { openid: 'alice' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const poisoned = JSON.parse('{"v":{"__proto__":{"polluted":true}}}');
    const reply = await dispatch('t', table, { action: 'record', params: poisoned }, { openid: 'alice' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(seen).toHaveLength(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('role_check_answers_forbidden_whatever_the_params', async () => {
    expect(await dispatch('t', table, { action: 'adminOnly', params: { junk: 1 } }, { openid: 'alice' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await dispatch('t', table, { action: 'adminOnly' }, { openid: 'boss' })).toEqual({ ok: true, data: 'secret' });
  });

  test('unexpected_throw_is_internal_with_generic_message_and_logged', async () => {
    const reply = await dispatch('t', table, { action: 'boom' }, { openid: 'alice' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const text = JSON.stringify(reply);
    expect(text).not.toMatch(/ECONNREFUSED|27017|node_modules|\.js:|users/);
    expect(errorLog).toHaveBeenCalled();
  });

  test('an_unexpected_unique_index_refusal_is_a_conflict_without_database_text', async () => {
    const reply = await dispatch('t', table, { action: 'dup' }, { openid: 'alice' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(reply)).not.toMatch(/E11000|DUPLICATE|uniq_name/);
  });

  test('app_errors_keep_their_code_and_chinese_message', async () => {
    expect(await dispatch('t', table, { action: 'closed' }, { openid: 'alice' })).toEqual({
      ok: false,
      error: { code: 'CLOSED', message: '活动已结束。' },
    });
  });

  test('reply_envelope_has_exactly_ok_and_data_or_error', async () => {
    const good = await dispatch('t', table, { action: 'adminOnly' }, { openid: 'boss' });
    expect(Object.keys(good).sort()).toEqual(['data', 'ok']);
    const bad = await dispatch('t', table, { action: 'adminOnly' }, { openid: 'alice' });
    expect(Object.keys(bad).sort()).toEqual(['error', 'ok']);
    if (!bad.ok) expect(Object.keys(bad.error).sort()).toEqual(['code', 'message']);
  });
});
