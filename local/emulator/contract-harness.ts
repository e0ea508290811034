/**
 * Shared setup for the *.contract.test.ts files: one emulator + HTTP server per test file, driven through
 * the real @cloudbase/node-sdk.
 */
import type { CollectionDecl } from './collections';
import { sdkFor, startTestEmulator, type TestEmulator } from './testing';

export type SdkDb = ReturnType<ReturnType<typeof sdkFor>['database']>;

export interface Harness {
  t: TestEmulator;
  db: SdkDb;
  _: SdkDb['command'];
}

/** Registers beforeAll/afterAll that start and stop an emulator; the returned object is filled in beforeAll. */
export function useEmulator(opts: { collections?: CollectionDecl[]; lifetimeMs?: number; autoCreate?: boolean } = {}): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    h.t = await startTestEmulator(opts);
    h.db = sdkFor(h.t.url).database();
    h._ = h.db.command;
  });
  afterAll(async () => {
    await h.t?.close();
  });
  return h;
}

/** The `.code` of the error a promise rejects with (fails the test if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to throw');
}

/** Collections used by most contract tests (cloudbaserc.json's are used where the real ones matter). */
export const TEST_COLLECTIONS: CollectionDecl[] = [
  { collectionName: 'things' },
  { collectionName: 'slots' },
  { collectionName: 'bookings' },
  { collectionName: 'counters' },
  {
    collectionName: 'people',
    createIndexes: [
      { name: 'uniq_email', unique: true, keys: [{ name: 'email', direction: '1' }] },
      { name: 'uniq_branch_no', unique: true, keys: [{ name: 'branch', direction: '1' }, { name: 'profile.no', direction: '1' }] },
      { name: 'by_age', unique: false, keys: [{ name: 'age', direction: '1' }] },
    ],
  },
  {
    collectionName: 'tagged',
    createIndexes: [{ name: 'uniq_tag', unique: true, keys: [{ name: 'tags', direction: 1 }] }],
  },
];
