#!/usr/bin/env bash
# `npm run test:calendar`: the unit, integration and contract tests (not the browser or weapp ones under e2e/) on three
# other days, with the server in three other zones — a test that passes only on today's date, or a
# park-time answer that depends on the server's zone, fails here. Debian's `faketime` moves the clock
# of jest and everything it starts (the gateway, the emulator, the seed). Runs after `npm test` in CI
# and reuses its install and builds. One line per run; extra args go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_deps
ensure_faketime
mkdir -p artifacts
extra=("$@")
status=0
summary=()
for run in "+3d UTC" "+40d Asia/Shanghai" "+400d America/New_York"; do
  read -r offset zone <<<"$run"
  out="artifacts/calendar${offset//[+]/-}.json"
  say "日历检查：时钟 ${offset}，服务器时区 ${zone} …"
  set +e
  TZ=$zone faketime -f "$offset" node_modules/.bin/jest --ci --silent --testPathIgnorePatterns '<rootDir>/e2e/' \
    --json --outputFile="$out" "${extra[@]}" >"artifacts/calendar${offset//[+]/-}.log" 2>&1
  code=$?
  set -e
  line=$(node -e "
    const r = require('./$out');
    const failed = r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => a.fullName));
    console.log('clock ' + process.argv[1] + ' (' + process.argv[3] + ') TZ=' + process.argv[2] + ': ' + r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed' +
      (failed.length ? ' — ' + failed.slice(0, 5).join('; ') + (failed.length > 5 ? ' …' : '') : ''));
  " "$offset" "$zone" "$(TZ=Asia/Shanghai faketime -f "$offset" date '+%F %H:%M park time')" 2>/dev/null) || line="clock $offset TZ=$zone: jest did not report (exit $code), see artifacts/calendar${offset//[+]/-}.log"
  summary+=("$line")
  [ "$code" = 0 ] || status=1
done
printf '%s\n' "${summary[@]}"
exit $status
