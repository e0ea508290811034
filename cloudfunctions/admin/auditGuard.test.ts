/**
 * The audit log cannot be edited from the app: no code but server/core/audit.ts touches the
 * `audit` collection for writing, and no action is named like an audit edit. Grep-based on
 * purpose — it also catches code paths no test happens to run.
 */
import fs from 'fs';
import path from 'path';
import { functions } from '../../server/functions';

const root = path.resolve(__dirname, '..', '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : files(p);
    return /\.ts$/.test(d.name) && !/\.test\.ts$/.test(d.name) ? [p] : [];
  });
}

test('only_server_core_audit_writes_to_the_audit_collection', () => {
  // Every use of the collection, read up to the end of its statement: a write method there is an offence.
  const writes = /\.(add|doc|set|update|remove)\(/;
  const offenders = [...files(path.join(root, 'server')), ...files(path.join(root, 'cloudfunctions'))]
    .filter((f) => path.relative(root, f) !== path.join('server', 'core', 'audit.ts'))
    .filter((f) => {
      const src = fs.readFileSync(f, 'utf8');
      return [...src.matchAll(/(col|collection)\(\s*['"`]audit['"`]\s*\)([^;]*)/g)].some((m) => writes.test(m[2]));
    })
    .map((f) => path.relative(root, f));
  expect(offenders).toEqual([]);
});

test('no_action_edits_or_deletes_the_audit_log', () => {
  const names = Object.entries(functions).flatMap(([fn, table]) => Object.keys(table).map((a) => `${fn}.${a}`));
  expect(names.filter((n) => /audit/i.test(n) && !/^admin\.auditLog$/.test(n))).toEqual([]);
});
