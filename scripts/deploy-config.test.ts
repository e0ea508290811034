/**
 * The deployment config, checked offline: cloudbaserc.json has the shape @cloudbase/cli 2.x and the
 * database framework plugin accept, lists exactly the function folders, declares every collection
 * the code can touch with ADMINONLY, and has every unique index the code relies on. (That each listed
 * function builds to an index.js within budget and gets every variable it reads is checked where the
 * bundles are built: scripts/build-functions.int.test.ts.)
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import { CloudbaseRc, collectionsOf, isCron7, OPTIONAL_VARIABLES, placeholders, RC_PATH, readRc, ROOT } from './deploy-config';
import { RELIED_UNIQUE_INDEXES } from './unique-indexes';
import { functionNames } from './build-functions';

const raw = readRc();
const parsed = CloudbaseRc.safeParse(raw);
const rc = parsed.success ? parsed.data : (raw as CloudbaseRc);

/** Names of the typed `Collections` interface in server/collections.ts (the composition), read with the TS parser. */
function typedCollections(): string[] {
  const file = path.join(ROOT, 'server/collections.ts');
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  src.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Collections') {
      for (const m of node.members) if (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) names.push(m.name.text);
    }
  });
  return names.sort();
}

/** Collection names written as literals in calls (`col('x')`, `collection('x')`, lookups `from: 'x'`) in shipped code. */
function literalCollections(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/\b(?:col|collection)\(\s*'([A-Za-z][A-Za-z0-9_-]*)'\s*\)|\bfrom:\s*'([A-Za-z][A-Za-z0-9_-]*)'/g)) {
          const name = m[1] ?? m[2];
          if (!found.has(name)) found.set(name, path.relative(ROOT, p));
        }
      }
    }
  };
  walk(path.join(ROOT, 'server'));
  walk(path.join(ROOT, 'cloudfunctions'));
  return found;
}

test('cloudbaserc_json_matches_the_cli_and_database_plugin_schema', () => {
  expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
});

test('function_names_and_trigger_names_are_unique_and_timers_use_seven_field_cron', () => {
  const names = rc.functions.map((f) => f.name);
  expect(new Set(names).size).toBe(names.length);
  for (const f of rc.functions) {
    for (const t of f.triggers ?? []) expect([f.name, t.config, isCron7(t.config)]).toEqual([f.name, t.config, true]);
  }
  // The timers the code is written for: delivery of queued messages, release of room no-shows and
  // expiry of appointments nobody confirmed.
  expect(rc.functions.find((f) => f.name === 'notify')?.triggers?.length).toBeGreaterThan(0);
  expect(rc.functions.find((f) => f.name === 'room')?.triggers?.length).toBeGreaterThan(0);
  expect(rc.functions.find((f) => f.name === 'appointment')?.triggers?.length).toBeGreaterThan(0);
});

test('every_function_folder_is_listed_and_every_listed_function_has_a_folder', () => {
  const listed = rc.functions.map((f) => f.name).sort();
  expect(listed).toEqual(functionNames());
  for (const name of listed) {
    const dir = path.join(ROOT, 'cloudfunctions', name);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).main).toBe('index.js');
    expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(true);
  }
});

test('functions_that_install_dependencies_in_the_cloud_declare_them_and_the_others_ship_none', () => {
  // installDependency runs `npm install` in the cloud from the folder's package.json: only worth it
  // for wx-server-sdk, which is not bundled (scripts/build-functions.ts keeps it external).
  for (const f of rc.functions) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', f.name, 'package.json'), 'utf8'));
    const deps = Object.keys(pkg.dependencies ?? {});
    expect([f.name, f.installDependency]).toEqual([f.name, deps.length > 0]);
  }
});

test('every_function_gets_the_admin_list_and_optional_variables_have_a_default', () => {
  for (const f of rc.functions) expect([f.name, f.envVariables.REDPARK_ADMIN_OPENIDS]).toEqual([f.name, '{{env.REDPARK_ADMIN_OPENIDS}}']);
  expect(placeholders(raw)).toContain('TCB_ENV_ID');
  for (const name of Object.keys(OPTIONAL_VARIABLES)) expect(placeholders(raw)).toContain(name);
});

test('project_config_points_wechat_devtools_at_the_weapp_build_and_the_function_folders', () => {
  const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
  expect(project.miniprogramRoot).toBe('dist/');
  expect(project.cloudfunctionRoot).toBe('cloudfunctions/');
  expect(project.compileType).toBe('miniprogram');
  expect(rc.functionRoot.replace(/^\.\//, '').replace(/\/?$/, '/')).toBe(project.cloudfunctionRoot);
});

test('every_typed_collection_and_every_collection_named_in_code_is_declared_adminonly', () => {
  const declared = new Map(collectionsOf(rc).map((c) => [c.collectionName, c]));
  const typed = typedCollections();
  expect(typed.length).toBeGreaterThan(10);
  expect(typed.filter((n) => !declared.has(n))).toEqual([]);
  const literal = literalCollections();
  expect([...literal].filter(([n]) => !declared.has(n)).map(([n, file]) => `${n} (${file})`)).toEqual([]);
  // Declared but untyped would be a collection no code can reach through col(): a leftover.
  expect([...declared.keys()].filter((n) => !typed.includes(n))).toEqual([]);
  for (const c of declared.values()) expect([c.collectionName, c.aclTag]).toEqual([c.collectionName, 'ADMINONLY']);
  expect(collectionsOf(rc).length).toBe(declared.size);
});

test('every_unique_index_the_code_relies_on_is_declared', () => {
  const missing: string[] = [];
  for (const need of RELIED_UNIQUE_INDEXES) {
    for (const f of need.files) expect([f, fs.existsSync(path.join(ROOT, f))]).toEqual([f, true]);
    const c = collectionsOf(rc).find((x) => x.collectionName === need.collection);
    const want = [...need.keys].sort().join(',');
    const ok = (c?.createIndexes ?? []).some((i) => i.unique && i.keys.map((k) => k.name).sort().join(',') === want);
    if (!ok) missing.push(`${need.collection}(${need.keys.join(', ')}) — ${need.rule} — relied on by ${need.files.join(', ')}`);
  }
  expect(missing).toEqual([]);
});

test('index_names_are_unique_within_each_collection', () => {
  for (const c of collectionsOf(rc)) {
    const names = (c.createIndexes ?? []).map((i) => i.name);
    expect([c.collectionName, new Set(names).size]).toEqual([c.collectionName, names.length]);
  }
});
