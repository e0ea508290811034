/**
 * The layout's rules, checked on every `npm test` (scripts/test.sh) and by `npm run lint:deps`:
 *
 *   server/core/                 the kernel: imports no domain and nothing of the composition
 *   cloudfunctions/<domain>/     one domain; another domain is reached only through its public.ts
 *   server/functions.ts,         the composition: the only server files that name every domain
 *   server/collections.ts        (their function.ts and public.ts, nothing else)
 *   local/                       the local runtime: never imported by shipped code (tests aside)
 *   src/                         the app: types of the back end, plus the few value modules webpack
 *                                compiles into the app (config/index.ts → SHARED_WITH_SERVER)
 *
 * Tests (*.test.ts) may import anything they test; test kits (*.testkit.ts) are test-only.
 * Run through scripts/depcruise.mjs (dependency-cruiser 18 refuses to start on Node 20 from its
 * bin, its API works).
 */
const fs = require('fs');
const path = require('path');

/** The back-end files the app may import as values: config/index.ts's list, read from that file. */
function sharedWithServer() {
  const text = fs.readFileSync(path.join(__dirname, 'config/index.ts'), 'utf8');
  const block = /const SHARED_WITH_SERVER = \{\s*include: \[([\s\S]*?)\]/.exec(text);
  if (!block) throw new Error('.dependency-cruiser.cjs: SHARED_WITH_SERVER not found in config/index.ts');
  return [...block[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const APP_VALUE_MODULES = sharedWithServer().map((f) => `^${escape(f)}$`);

const TESTS = '\\.(test|testkit)\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-domain',
      comment:
        'server/core is the kernel every function bundles: it must not import a domain (cloudfunctions/<domain>/) ' +
        'nor the composition files (server/functions.ts, server/collections.ts). Move the code into the domain, ' +
        'or make the core take it as a parameter / a type the composition fills in.',
      severity: 'error',
      from: { path: '^server/core/' },
      to: { path: ['^cloudfunctions/', '^server/[^/]+\\.ts$', '^src/'] },
    },
    {
      name: 'domains-meet-through-public-modules',
      comment:
        "A domain may import another domain only through that domain's public.ts (cloudfunctions/<other>/public.ts). " +
        "Export what you need from there (and keep it small), or move the code to the domain it belongs to.",
      severity: 'error',
      from: { path: '^cloudfunctions/([^/]+)/', pathNot: TESTS },
      to: { path: '^cloudfunctions/', pathNot: ['^cloudfunctions/$1/', '^cloudfunctions/[^/]+/public\\.ts$'] },
    },
    {
      name: 'composition-uses-function-and-public-modules',
      comment:
        "server/functions.ts and server/collections.ts assemble the domains: they import a domain's function.ts " +
        'or public.ts, never its internals.',
      severity: 'error',
      from: { path: '^server/[^/]+\\.ts$', pathNot: TESTS },
      to: { path: '^cloudfunctions/', pathNot: '^cloudfunctions/[^/]+/(function|public)\\.ts$' },
    },
    {
      name: 'domains-do-not-import-the-composition',
      comment:
        'A domain must not import server/functions.ts or server/collections.ts (they import every domain): ' +
        'it would bundle every other function into this one.',
      severity: 'error',
      from: { path: '^cloudfunctions/', pathNot: TESTS },
      to: { path: '^server/(functions|collections)\\.ts$' },
    },
    {
      name: 'no-server-folders-outside-core',
      comment:
        "Domain code lives in cloudfunctions/<domain>/ (its vertical slice); server/ holds only the kernel (server/core/) " +
        'and the composition files.',
      severity: 'error',
      from: {},
      to: { path: '^server/(?!core/)[^/]+/' },
    },
    {
      name: 'shipped-code-never-imports-local',
      comment:
        'local/ (gateway, emulator, seeds, test helpers) is never shipped: code under cloudfunctions/ or server/ must ' +
        'not import it. Tests may; a helper for tests goes in a *.testkit.ts under local/.',
      severity: 'error',
      from: { path: '^(cloudfunctions|server)/', pathNot: TESTS },
      to: { path: '^local/' },
    },
    {
      name: 'testkits-are-for-tests',
      comment: 'A *.testkit.ts is a test helper: only tests and other test kits import it.',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { path: '\\.testkit\\.tsx?$' },
    },
    {
      name: 'app-imports-back-end-types-only',
      comment:
        'src/ (the mini-program and the web page) may import back-end TYPES anywhere (import type …), but values ' +
        'only from the modules listed in config/index.ts SHARED_WITH_SERVER (and scripts/lib.sh ' +
        'APP_SHARED_FROM_SERVER): anything else would drag server code into the app packages. A test beside app ' +
        'code may (it is never packaged): that is how an app copy of a server rule is held equal to it.',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '^(server|cloudfunctions)/', pathNot: APP_VALUE_MODULES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'app-never-imports-local',
      comment: 'src/ must not import the local runtime.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^local/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^cloudfunctions/[^/]+/index\\.js$', '^dist', '(^|/)node_modules/'] },
    // Keep `import type` edges: a type-only arrow is still an arrow of the layout.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
    // '@/…' in src resolves through tsconfig paths.
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'] },
  },
};
