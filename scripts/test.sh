#!/usr/bin/env bash
# `npm test`: every test — unit, integration (gateway + emulator), contract (real SDK →
# emulator), end-to-end (headless Chromium on the h5 build) and the weapp build in a WeChat-like
# sandbox (e2e/weapp). Extra args go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_deps
ensure_h5_build
ensure_weapp_build
ensure_chromium
say "小程序包体积（npm run size）…"
npm run --silent size
say "类型检查（tsc）…"
node_modules/.bin/tsc -p tsconfig.json
say "依赖规则（.dependency-cruiser.cjs，npm run lint:deps）…"
node scripts/depcruise.mjs cloudfunctions server src local
say "运行测试（jest）…"
mkdir -p artifacts
set +e
node_modules/.bin/jest --ci --json --outputFile=artifacts/jest-results.json "$@"
code=$?
set -e
# A plain closing line any CI reader understands.
node -e "const r=require('./artifacts/jest-results.json');console.log(r.numPassedTests+' passed, '+r.numFailedTests+' failed'+(r.numPendingTests?', '+r.numPendingTests+' skipped':''))" || true
exit $code
