/**
 * Generates malformed params for an action from its zod schema, for the bad-input sweep.
 * Every case is checked against the schema itself and dropped if the schema accepts it, so a
 * case is always "should be refused", never a valid call in disguise.
 */
import type { z } from 'zod';

type Def = { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; in?: z.ZodType; innerType?: z.ZodType };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Field names of an object schema (through unions, pipes, defaults and refinements). */
export function fieldNames(schema: z.ZodType): string[] {
  const d = defOf(schema);
  if (d.type === 'object' && d.shape) return Object.keys(d.shape);
  if (d.type === 'union' && d.options) return [...new Set(d.options.flatMap(fieldNames))];
  if (d.type === 'pipe' && d.in) return fieldNames(d.in);
  if (d.innerType) return fieldNames(d.innerType);
  return [];
}

const HUGE = '党'.repeat(100_000);
const WRONG_VALUES: unknown[] = [null, 12345, -1.5, true, 'x', [], [1, 2], {}, { $gt: '' }, HUGE, 1e308];

export function malformedCases(schema: z.ZodType): { label: string; params: unknown }[] {
  const fields = fieldNames(schema);
  const cases: { label: string; params: unknown }[] = [
    { label: 'params is a string', params: 'params' },
    { label: 'params is a number', params: 7 },
    { label: 'params is an array', params: [{}] },
    { label: 'params is true', params: true },
    { label: 'unknown field', params: { notAField: 1 } },
    { label: '__proto__ key', params: JSON.parse('{"__proto__":{"polluted":true}}') },
    { label: 'constructor.prototype key', params: { constructor: { prototype: { polluted: true } } } },
    { label: 'huge unknown string', params: { note: HUGE } },
  ];
  for (const f of fields) {
    for (const v of WRONG_VALUES) {
      cases.push({ label: `${f} = ${JSON.stringify(v)?.slice(0, 20)}`, params: { [f]: v } });
    }
    cases.push({ label: `${f} with __proto__ inside`, params: { [f]: JSON.parse('{"__proto__":{"polluted":true}}') } });
  }
  return cases.filter((c) => !schema.safeParse(c.params).success);
}
