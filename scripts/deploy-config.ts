/**
 * What `cloudbaserc.json` must look like for @cloudbase/cli 2.x and its database framework plugin,
 * as a zod schema, plus the facts the offline config test checks it against. Kept apart from the
 * test so `npm run deploy` can refuse a broken file with the same rules before it logs in.
 *
 * Sources (confirmed with the docs/code search, see README → 生产部署 → 配置文件的依据):
 *  - functions[]: docs.cloudbase.net cli-v1 "配置文件-云函数" — name, handler (index.main), runtime
 *    (default Nodejs18.15), timeout 1–60 s, memorySize 128/256/512/1024/2048, installDependency, ignore,
 *    envVariables (a deploy REPLACES the function's online variables), triggers[{ name, type: 'timer',
 *    config }] with a 7-field cron (second minute hour day month weekday year).
 *  - "version": "2.0" turns on `{{env.NAME}}` dynamic variables (cli-v1 "配置文件").
 *  - framework.plugins.<any>.use = '@cloudbase/framework-plugin-database', inputs.collections[] with
 *    collectionName (1–64), description?, aclTag (READONLY|PRIVATE|ADMINWRITE|ADMINONLY|CUSTOM),
 *    createIndexes[{ name, unique, keys[{ name, direction: '1' | '-1' | '2dsphere' }] }] — the plugin's
 *    own TypeScript interface (Tencent/cloudbase-framework packages/framework-plugin-database/src/index.ts).
 */
import fs from 'fs';
import path from 'path';
import * as z from 'zod';

export const ROOT = path.resolve(__dirname, '..');
export const RC_PATH = path.join(ROOT, 'cloudbaserc.json');

const ident = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
/** `{{env.NAME}}` only: nothing deployment-specific (ids, secrets) is ever committed in the file. */
export const PLACEHOLDER = /^\{\{env\.([A-Z][A-Z0-9_]*)\}\}$/;

/** One CloudBase cron field: digits, names (JAN, MON), and the wildcards , - * / */
const cronField = /^[0-9A-Z*,\-/]+$/;
export function isCron7(expr: string): boolean {
  const fields = expr.trim().split(/\s+/);
  return fields.length === 7 && fields.every((f) => cronField.test(f));
}

const Trigger = z.strictObject({
  name: z.string().regex(ident),
  type: z.literal('timer'),
  config: z.string().refine(isCron7, 'CloudBase cron has 7 fields: second minute hour day month weekday year'),
});

export const FunctionDecl = z.strictObject({
  name: z.string().regex(ident),
  handler: z.literal('index.main'),
  runtime: z.literal('Nodejs18.15'),
  timeout: z.number().int().min(1).max(60),
  memorySize: z.union([z.literal(128), z.literal(256), z.literal(512), z.literal(1024), z.literal(2048)]),
  installDependency: z.boolean(),
  ignore: z.array(z.string().min(1)).optional(),
  envVariables: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string().regex(PLACEHOLDER, 'write {{env.NAME}}, never a literal value')),
  triggers: z.array(Trigger).optional(),
});

const IndexKey = z.strictObject({ name: z.string().min(1).max(64), direction: z.enum(['1', '-1', '2dsphere']) });
export const IndexDecl = z.strictObject({ name: z.string().min(1).max(64), unique: z.boolean(), keys: z.array(IndexKey).min(1).max(20) });
export const CollectionDecl = z.strictObject({
  collectionName: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
  description: z.string().min(1).max(128).optional(),
  // Every read and write goes through a function (the server SDK bypasses rules), so nothing is
  // readable from a client: ADMINONLY everywhere.
  aclTag: z.literal('ADMINONLY'),
  createIndexes: z.array(IndexDecl).max(20).optional(),
});

export const CloudbaseRc = z.strictObject({
  version: z.literal('2.0'),
  envId: z.literal('{{env.TCB_ENV_ID}}'),
  region: z.string().optional(),
  functionRoot: z.literal('./cloudfunctions'),
  functions: z.array(FunctionDecl).min(1),
  framework: z.strictObject({
    name: z.string().regex(ident),
    plugins: z.record(
      z.string(),
      z.strictObject({
        use: z.literal('@cloudbase/framework-plugin-database'),
        inputs: z.strictObject({ collections: z.array(CollectionDecl).min(1) }),
      }),
    ),
  }),
});
export type CloudbaseRc = z.infer<typeof CloudbaseRc>;

export function readRc(file = RC_PATH): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function collectionsOf(rc: CloudbaseRc) {
  return Object.values(rc.framework.plugins).flatMap((p) => p.inputs.collections);
}

/** Every `{{env.NAME}}` the file needs, envId's TCB_ENV_ID included. */
export function placeholders(rc: unknown): string[] {
  const names = new Set<string>();
  JSON.stringify(rc).replace(/\{\{env\.([A-Z][A-Z0-9_]*)\}\}/g, (_m, n: string) => (names.add(n), ''));
  return [...names].sort();
}

/**
 * Variables a function may read that are NOT deployment settings there, with the functions they
 * are exempt for ('*': every function): set only by the local gateway. REDPARK_TCB_SERVICE_URL
 * points the SDK at the emulator; checkin reads REDPARK_PUBLIC_URL only for local QR codes, while
 * volunteer needs it in production (certificate QR), so it is exempt for checkin alone.
 */
const LOCAL_ONLY_VARIABLES: Record<string, readonly string[]> = {
  REDPARK_TCB_SERVICE_URL: ['*'],
  REDPARK_PUBLIC_URL: ['checkin'],
  // Local mode only (isLocalMode()): deliver through the simulated subscribeMessage.send (admin: which ids grants count for).
  REDPARK_STRICT_SENDER: ['notify', 'admin'],
};

export function isLocalOnlyVariable(fn: string, name: string): boolean {
  const fns = LOCAL_ONLY_VARIABLES[name];
  return !!fns && (fns.includes('*') || fns.includes(fn));
}

/**
 * Deployment variables that may be left unset: `npm run deploy` fills these defaults in so the
 * placeholder never reaches the cloud as an empty or literal `{{env.…}}` value. Every other
 * placeholder is required and deploy refuses to start without it.
 */
export const OPTIONAL_VARIABLES: Record<string, string> = {
  // No subscribe templates registered yet: messages still show in 消息中心.
  REDPARK_SUBSCRIBE_TEMPLATES: '{}',
  // Which mini-program version a check-in code opens ('release' | 'trial' | 'develop').
  REDPARK_WXACODE_ENV_VERSION: 'release',
};

/** REDPARK_* variables a built function bundle reads (minified esbuild keeps `process.env.NAME`). */
export function variablesReadBy(bundle: string): string[] {
  const names = new Set<string>();
  for (const m of bundle.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[["']([A-Z][A-Z0-9_]*)["']\])/g)) {
    const n = m[1] ?? m[2];
    if (n.startsWith('REDPARK_')) names.add(n);
  }
  return [...names].sort();
}
