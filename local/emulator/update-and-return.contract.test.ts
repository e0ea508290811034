/**
 * `where(...).updateAndReturn(data)` through the real SDK: one atomic find-and-modify that answers
 * the document after the update (the volunteer sign-up takes its ticket and place this way).
 */
import { useEmulator, TEST_COLLECTIONS } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });
const counters = () => h.db.collection('counters');

test('answers_the_document_after_the_update_or_null_when_the_condition_fails', async () => {
  await counters().add({ _id: 'c1', left: 1, seq: 0 });
  const first = await counters().where({ _id: 'c1', left: h._.gt(0) }).updateAndReturn({ left: h._.inc(-1), seq: h._.inc(1) });
  expect(first.updated).toBe(1);
  expect(first.doc).toEqual({ _id: 'c1', left: 0, seq: 1 });
  const second = await counters().where({ _id: 'c1', left: h._.gt(0) }).updateAndReturn({ left: h._.inc(-1), seq: h._.inc(1) });
  expect(second.updated).toBe(0);
  expect(second.doc).toBeNull();
});

test('concurrent_calls_each_get_their_own_value', async () => {
  await counters().add({ _id: 'c2', seq: 0 });
  const got = await Promise.all(Array.from({ length: 40 }, () => counters().where({ _id: 'c2' }).updateAndReturn({ seq: h._.inc(1) })));
  expect(got.map((g) => g.doc.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
});
