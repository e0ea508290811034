import { TEST_COLLECTIONS, useEmulator } from './contract-harness';

const h = useEmulator({ collections: TEST_COLLECTIONS });

describe('dates of a document through updates', () => {
  test('untouched_dates_stay_dates_after_where_update_doc_update_and_push', async () => {
    const at = new Date('2026-03-04T05:06:07.000Z');
    await h.db.collection('things').add({ _id: 'd1', at, log: [{ at }], n: 0 });
    await h.db.collection('things').where({ _id: 'd1' }).update({ n: h._.inc(1), log: h._.push([{ at: new Date(at.getTime() + 1000) }]) });
    await h.db.collection('things').doc('d1').update({ n: 2 });
    const [d] = (await h.db.collection('things').doc('d1').get()).data;
    expect(d.at).toBeInstanceOf(Date);
    expect(d.at.toISOString()).toBe('2026-03-04T05:06:07.000Z');
    expect(d.log.map((l: { at: Date }) => l.at instanceof Date)).toEqual([true, true]);
    // Range queries on a date still work after the updates (a string would never match).
    expect((await h.db.collection('things').where({ at: h._.lt(new Date('2026-04-01')) }).count()).total).toBe(1);
  });
});
