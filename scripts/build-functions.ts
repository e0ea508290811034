/**
 * Bundles each cloud function into cloudfunctions/<name>/index.js with esbuild: the shared
 * server code and @cloudbase/node-sdk go into one file (STACK-NOTES: a bundle loads in about
 * half the cold-require time of the SDK from node_modules), so the function ships index.js,
 * package.json and config.json and needs no `npm install` in the cloud.
 */
import { build } from 'esbuild';
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '..');
const fnRoot = path.join(root, 'cloudfunctions');

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
    await build({
      entryPoints: [path.join(fnRoot, name, 'function.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      // Optional native/peer modules the SDK only touches on paths we do not use.
      // wx-server-sdk: only `checkin` uses it, only in production, for WeChat cloud calls
      // (server/checkin/codeImage.ts); it is installed in the cloud from the function's package.json.
      external: ['bufferutil', 'utf-8-validate', 'encoding', 'wx-server-sdk'],
    });
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
