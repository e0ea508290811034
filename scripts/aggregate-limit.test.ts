/**
 * Every aggregation ends with `.limit(n)`: in a cloud function CloudBase answers 20 rows from a pipeline
 * without a final `$limit` (findings P-02; a `$limit` before `$lookup` is not trusted either, P-03).
 * The emulator cuts such pipelines to 20 rows, but only data with more than 20 groups shows it, so this
 * grep-based check also covers the pipelines no test fills that far.
 */
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : files(p);
    return /\.ts$/.test(d.name) && !/\.test\.ts$/.test(d.name) ? [p] : [];
  });
}

/** Pipelines assembled in steps, whose final `.limit()` is applied where the builder returns. */
const BUILT_IN_STEPS = new Set([path.join('cloudfunctions', 'checkin', 'figures.ts')]);

test('every_aggregate_chain_ends_with_a_limit_before_end', () => {
  const offenders: string[] = [];
  for (const f of [...files(path.join(root, 'server')), ...files(path.join(root, 'cloudfunctions'))]) {
    const rel = path.relative(root, f);
    if (BUILT_IN_STEPS.has(rel)) continue;
    const src = fs.readFileSync(f, 'utf8').replace(/\/\/[^\n]*/g, '');
    for (const m of src.matchAll(/\.aggregate\(\)/g)) {
      const end = src.indexOf('.end()', m.index);
      if (end < 0) continue; // a pipeline handed to a builder (withOrgFacts) and ended by its caller
      const before = src.slice(m.index, end).trimEnd();
      if (!/\.limit\([^()]*(\([^()]*\))?[^()]*\)$/.test(before)) {
        offenders.push(`${rel}:${src.slice(0, m.index).split('\n').length}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});
