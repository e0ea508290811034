/**
 * Calendar guard generated from the action tables: every param field (at any depth) that takes a
 * day, a clock time or a park time refuses the impossible ones (`2026-12-32`, `2026-02-30`,
 * `24:30`). A field added tomorrow with a hand-written regex instead of the shared helpers in
 * server/core/params.ts fails here.
 */
import type { z } from 'zod';
import { functions } from '../../server/functions';
import type { ActionTable } from '../../server/core/router';

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType; innerType?: z.ZodType };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every leaf field schema under `schema`, with its path. */
function leaves(schema: z.ZodType, path: string, out: [string, z.ZodType][] = []): [string, z.ZodType][] {
  const d = defOf(schema);
  if (d.type === 'object' && d.shape) for (const [k, v] of Object.entries(d.shape)) leaves(v, `${path}.${k}`, out);
  else if (d.type === 'array' && d.element) leaves(d.element, `${path}[]`, out);
  else if (d.type === 'union' && d.options) d.options.forEach((o) => leaves(o, path, out));
  else if (d.type === 'pipe' && d.in && defOf(d.in).type === 'object') leaves(d.in, path, out);
  else if (d.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(d.type)) leaves(d.innerType, path, out);
  else out.push([path, schema]);
  return out;
}

const KINDS = [
  { good: '2026-11-23', other: '23/11/2026 的日期', bad: ['2026-12-32', '2026-02-30', '2026-13-01', '2026-00-10'] },
  { good: '14:30', other: '下午两点半', bad: ['24:30', '23:60', '99:99'] },
  { good: '2026-11-23 14:30', other: '2026年11月23日 下午两点半', bad: ['2026-12-32 09:00', '2026-02-30 09:00', '2026-11-23 24:30', '2026-11-23 10:75'] },
];

const fields = Object.entries(functions).flatMap(([fn, table]) =>
  Object.entries(table as ActionTable).flatMap(([name, act]) => leaves(act.params as z.ZodType, `${fn}.${name}`)),
);

test('every_day_and_time_param_refuses_impossible_dates_and_times', () => {
  let checked = 0;
  for (const [path, schema] of fields) {
    for (const k of KINDS) {
      // A day/time field: takes the real value and refuses the same thing written another way
      // (free text takes both and is not a date field).
      if (!schema.safeParse(k.good).success || ['abcdefghij', k.other].some((o) => schema.safeParse(o).success)) continue;
      checked++;
      for (const bad of k.bad) expect([path, bad, schema.safeParse(bad).success]).toEqual([path, bad, false]);
    }
  }
  // The appointment, room, volunteer, checkin, admin, org, policy and study day/time fields.
  expect(checked).toBeGreaterThan(30);
});
