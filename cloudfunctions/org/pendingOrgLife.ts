import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { namesOf } from './shared';
import { recordRowView } from './orgLifeShared';

const LIMIT = 200;

/**
 * Records awaiting an admin's 核实 across the park, oldest meeting first (the ones nearest their
 * quarter's rating). Says when the list was cut rather than dropping the rest silently.
 */
export const pendingOrgLife = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const { data } = await col('orgLife').where({ state: 'pending' }).orderBy('startAt', 'asc').limit(LIMIT + 1).get();
    const rows = data.slice(0, LIMIT);
    const branchIds = [...new Set(rows.map((r) => r.branchId))];
    const [names, branches] = await Promise.all([
      namesOf(rows.flatMap((r) => [r.recordedBy, r.editedBy])),
      branchIds.length ? col('branches').where({ _id: cmd().in(branchIds) }).field({ name: true }).limit(LIMIT).get() : { data: [] },
    ]);
    const branchName = new Map(branches.data.map((b) => [b._id, b.name]));
    return {
      truncated: data.length > LIMIT,
      // Attendance is not counted here (0): the record page (getOrgLife) shows who came.
      rows: rows.map((r) => ({
        ...recordRowView(r, 0),
        branchName: branchName.get(r.branchId) ?? '',
        recordedByName: names.get(r.recordedBy) ?? '',
        editedByName: r.editedBy ? (names.get(r.editedBy) ?? '') : '',
        enteredAt: new Date(r.createdAt).toISOString(),
      })),
    };
  },
});
