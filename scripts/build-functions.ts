/**
 * Bundles each cloud function into cloudfunctions/<name>/index.js with esbuild: the shared
 * server code and @cloudbase/node-sdk go into one file (STACK-NOTES: a bundle loads in about
 * half the cold-require time of the SDK from node_modules), so the function ships index.js,
 * package.json and config.json and needs no `npm install` in the cloud.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '..');
const fnRoot = path.join(root, 'cloudfunctions');

/**
 * Parts of @cloudbase/node-sdk that no RedPark function uses (AI, data models, file storage's
 * XML parsing, web streams) — about 350 KB of every bundle. They are
 * replaced by a stub that throws a clear error if ever called, so a function that starts using
 * one fails loudly in its tests instead of silently shipping a broken path; remove the name
 * here when that day comes. The bundle test runs the shipped index.js against the emulator.
 */
export const UNUSED_SDK_PARTS = [
  '@cloudbase/ai',
  '@cloudbase/wx-cloud-client-sdk',
  'web-streams-polyfill',
  'xml2js',
  'mime-types',
  // exceljs's streaming reader/writer and CSV (cloudfunctions/admin/excel.ts imports only the in-memory
  // Workbook, but its module graph still names these): about 750 KB of the admin bundle.
  'fast-csv',
  'unzipper',
  'archiver',
  'tmp',
];

const STUB = `
function stub(path) {
  const fail = function () { throw new Error(path + ' is not bundled into RedPark functions (scripts/build-functions.ts)'); };
  return new Proxy(fail, {
    get: (_t, key) => (key === '__esModule' ? false : key === Symbol.toPrimitive ? () => path : stub(path + '.' + String(key))),
    construct: fail,
  });
}
module.exports = stub(MODULE);`;

const stubUnused: Plugin = {
  name: 'stub-unused-sdk-parts',
  setup(b) {
    const filter = new RegExp(`^(${UNUSED_SDK_PARTS.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUB.replace('MODULE', JSON.stringify(args.path)), loader: 'js' }));
  },
};

/**
 * Domain modules (cloudfunctions/<domain>/*.ts, not the function.ts entry) only declare: no
 * top-level statement runs for its effect. Saying so to esbuild lets a domain's public.ts re-export
 * what other domains may use without bundling every re-exported module into each function that
 * imports one name from it — a module none of whose exports is used is left out.
 */
const DOMAIN_MODULE = /[\\/]cloudfunctions[\\/][^\\/]+[\\/](?!function\.ts$)[^\\/]+\.ts$/;
const domainModulesAreDeclarations: Plugin = {
  name: 'domain-modules-are-declarations',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { resolving: true } });
      if (r.errors.length || !DOMAIN_MODULE.test(r.path)) return undefined;
      return { path: r.path, sideEffects: false };
    });
  },
};

/** The esbuild settings of every function bundle (the bench bundles the bare SDK with the same). */
export const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Optional native/peer modules the SDK only touches on paths we do not use.
  // wx-server-sdk: only `checkin` uses it, only in production, for WeChat cloud calls
  // (cloudfunctions/checkin/codeImage.ts); it is installed in the cloud from the function's package.json.
  external: ['bufferutil', 'utf-8-validate', 'encoding', 'wx-server-sdk'],
  plugins: [stubUnused, domainModulesAreDeclarations],
};

export function functionNames(): string[] {
  return fs
    .readdirSync(fnRoot)
    .filter((n) => fs.existsSync(path.join(fnRoot, n, 'function.ts')))
    .sort();
}

export async function buildFunctions(names = functionNames()): Promise<{ name: string; bytes: number }[]> {
  const out: { name: string; bytes: number }[] = [];
  for (const name of names) {
    const outfile = path.join(fnRoot, name, 'index.js');
    await build({ ...BUNDLE_OPTIONS, entryPoints: [path.join(fnRoot, name, 'function.ts')], outfile });
    out.push({ name, bytes: fs.statSync(outfile).size });
  }
  return out;
}

if (require.main === module) {
  buildFunctions()
    .then((rows) => {
      for (const r of rows) console.log(`cloudfunctions/${r.name}/index.js  ${(r.bytes / 1024).toFixed(0)} KB`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
