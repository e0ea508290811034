#!/usr/bin/env node
/**
 * `npm run lint:deps` (and a step of `npm test`): checks the layout's dependency rules
 * (.dependency-cruiser.cjs) over the given folders (default: cloudfunctions server src local).
 * Prints each broken rule with the offending import and why it is forbidden; exits 1 if any.
 *
 * dependency-cruiser 18's own bin refuses to start on Node 20 (its package declares ^22); its
 * analysis works there, so this calls its documented API (cruise + the `err-long` reporter).
 * Under Node ≥ 22 `depcruise --config .dependency-cruiser.cjs <folders>` gives the same answer.
 */
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import path from 'path';
import { fileURLToPath } from 'url';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
const folders = process.argv.slice(2).length ? process.argv.slice(2) : ['cloudfunctions', 'server', 'src', 'local'];
const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const result = await cruise(folders, { ...options, validate: true, outputType: 'err-long' }, {}, { tsConfig: extractTSConfig('tsconfig.json') });
process.stdout.write(result.output);
process.exit(result.exitCode > 0 ? 1 : 0);
