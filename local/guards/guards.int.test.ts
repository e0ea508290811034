/**
 * Guards generated from the action tables, so every future action is covered without anyone
 * remembering to add a test:
 *   (a) role matrix — every action called by every demo caller: callers holding one of the
 *       action's roles never get FORBIDDEN from the router, all others always do;
 *   (b) bad-input sweep — malformed params answer a coded error (never INTERNAL) and write
 *       nothing to the database.
 */
import { functions } from '../../server/functions';
import type { ActionTable } from '../../server/core/router';
import type { Role } from '../../server/core/roles';
import { DEMO_CALLERS } from '../demo';
import { startTestGateway, type TestGateway } from '../testing';
import { malformedCases } from './malformed';

let gw: TestGateway;
const rolesOf: Record<string, Role[]> = {};

beforeAll(async () => {
  gw = await startTestGateway();
  for (const c of DEMO_CALLERS) rolesOf[c.openid] = (await gw.call('user', 'me', {}, c.openid)).body.data.roles;
});
afterAll(async () => {
  await gw.close();
});

const actions = Object.entries(functions).flatMap(([fn, table]) =>
  Object.entries(table as ActionTable).map(([name, act]) => ({ fn, name, act })),
);

const allowed = (roles: 'anyone' | readonly Role[], openid: string) =>
  roles === 'anyone' || roles.some((r) => rolesOf[openid].includes(r));

describe('role matrix', () => {
  test.each(actions.map((a) => [`${a.fn}.${a.name}`, a] as const))('%s', async (_label, { fn, name, act }) => {
    for (const c of DEMO_CALLERS) {
      // A deliberately empty call: the router decides roles before it reads params.
      const { body } = await gw.call(fn, name, {}, c.openid);
      const code = body.ok ? 'OK' : body.error.code;
      if (allowed(act.roles, c.openid)) expect([c.openid, code]).not.toEqual([c.openid, 'FORBIDDEN']);
      else expect([c.openid, code]).toEqual([c.openid, 'FORBIDDEN']);
      expect([c.openid, code]).not.toEqual([c.openid, 'INTERNAL']);
    }
  });

  test('every_action_is_closed_to_some_demo_caller_or_declared_open_to_anyone', () => {
    for (const { fn, name, act } of actions) {
      if (act.roles === 'anyone') continue;
      expect([`${fn}.${name}`, DEMO_CALLERS.some((c) => !allowed(act.roles, c.openid))]).toEqual([`${fn}.${name}`, true]);
    }
  });
});

describe('bad-input sweep', () => {
  test.each(actions.map((a) => [`${a.fn}.${a.name}`, a] as const))('%s', async (_label, { fn, name, act }) => {
    // Call as a demo caller who may use the action, so the params are really examined.
    const caller = DEMO_CALLERS.find((c) => allowed(act.roles, c.openid))!;
    const cases = malformedCases(act.params);
    expect(cases.length).toBeGreaterThan(5);
    gw.emulator.stats.reset();
    for (const c of cases) {
      const { status, body } = await gw.call(fn, name, c.params, caller.openid);
      expect([c.label, body.ok]).toEqual([c.label, false]);
      expect([c.label, body.error.code]).not.toEqual([c.label, 'INTERNAL']);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(typeof body.error.message).toBe('string');
      expect(body.error.message).not.toMatch(/at .*\.(js|ts):\d+|node_modules|sqlite|DATABASE_/i);
    }
    expect(gw.emulator.stats.writes).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
