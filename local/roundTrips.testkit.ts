/**
 * Pinning database round trips per write (issue 19), for the pin files beside each domain
 * (`cloudfunctions/<domain>/roundTrips.int.test.ts`) and `local/roundTrips.int.test.ts`. A budget is
 * a count of the emulator's requests, never a time: it fails the same way on a fast or a loaded
 * machine. Nothing else may call the gateway while a call is counted (a file's tests run one at a
 * time; do the setup before counting).
 */
import { ok } from './volunteer.testkit';
import { startTestGateway, type TestGateway } from './testing';

/** `counted(fn, action, params, openid)`: the call's database requests and its reply (it must succeed). */
export function counter(gw: () => TestGateway) {
  return async function counted(fn: string, action: string, params: unknown, openid: string): Promise<{ requests: number; data: any }> {
    const s = gw().emulator.stats;
    const before = s.requests;
    const data = await ok(gw().call(fn, action, params, openid));
    return { requests: s.requests - before, data };
  };
}

/**
 * A pin file's gateway: started before its tests (handed to `set`), closed after them once `report`
 * has printed; answers `counted` on it.
 */
export function countingGateway(set: (gw: TestGateway) => void, report: () => void) {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    set(gw);
  });
  afterAll(async () => {
    report();
    await gw.close();
  });
  return counter(() => gw);
}

/**
 * `within(name, requests)` fails showing the action and its count when over its budget; with
 * REDPARK_ROUNDTRIPS_REPORT=1 the file prints what each action made (call `report` in afterAll).
 */
export function budgets<B extends Record<string, number>>(budget: B) {
  const measured: Partial<Record<keyof B, number>> = {};
  return {
    within(name: keyof B & string, requests: number) {
      measured[name] = Math.max(measured[name] ?? 0, requests);
      expect({ [name]: requests <= budget[name] ? 'within' : requests }).toEqual({ [name]: 'within' });
    },
    report() {
      if (!process.env.REDPARK_ROUNDTRIPS_REPORT) return;
      console.log(Object.entries(budget).map(([k, b]) => `${k.padEnd(62)} ${String(measured[k as keyof B] ?? '-').padStart(3)} / ${b}`).join('\n'));
    },
  };
}
