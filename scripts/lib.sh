# Shared steps of the two README commands: install what is missing, build what is stale.
# Sourced by scripts/start.sh and scripts/test.sh; every step is a no-op when up to date.

say() { printf '\033[1;31m▸\033[0m %s\n' "$*"; }

ensure_deps() {
  # STACK-NOTES: `npm ci` fails on this registry (missing other-platform optional packages);
  # `npm install` from the lock file works and leaves the lock unchanged.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "安装依赖（npm install，首次约 1–2 分钟）…"
    npm install --no-audit --no-fund --loglevel=error
  fi
  if ! node -e "new (require('better-sqlite3'))(':memory:')" 2>/dev/null; then
    say "编译 better-sqlite3 …"
    npm rebuild better-sqlite3 --loglevel=error
  fi
}

# Rebuild when any input is newer than the last build's stamp (a fresh clone has no stamp).
stale() {
  local stamp=$1; shift
  [ ! -f "$stamp" ] && return 0
  [ -n "$(find "$@" -newer "$stamp" -type f -print -quit 2>/dev/null)" ]
}

# Back-end files the app bundles as values (config/index.ts → SHARED_WITH_SERVER): a change there is a
# change of the app too.
APP_SHARED_FROM_SERVER="server/core/roles.ts server/core/errors.ts cloudfunctions/volunteer/hours.ts cloudfunctions/study/text.ts cloudfunctions/policy/terms.ts cloudfunctions/demand/terms.ts cloudfunctions/demand/machine.ts cloudfunctions/notify/templateIds.ts"

ensure_h5_build() {
  # shellcheck disable=SC2086
  if stale dist-h5/.built src config babel.config.js package-lock.json $APP_SHARED_FROM_SERVER; then
    say "构建网页版（npm run build:h5）…"
    npm run --silent build:h5 > .h5-build.log 2>&1 || { tail -40 .h5-build.log; return 1; }
    touch dist-h5/.built
  fi
}

ensure_weapp_build() {
  # shellcheck disable=SC2086
  if stale dist/.built src config babel.config.js project.config.json package-lock.json $APP_SHARED_FROM_SERVER; then
    say "构建小程序（npm run build:weapp）…"
    npm run --silent build:weapp > .weapp-build.log 2>&1 || { tail -40 .weapp-build.log; return 1; }
    touch dist/.built
  fi
}

ensure_chromium() {
  # End-to-end tests drive Debian's Chromium; Chinese text needs the Noto CJK fonts.
  if [ -x /usr/bin/chromium ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ]; then
    say "安装 chromium 与中文字体（apt-get）…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    say "缺少 /usr/bin/chromium 或中文字体：请执行 sudo apt-get install -y chromium fonts-noto-cjk"
    return 1
  fi
}

ensure_faketime() {
  # `npm run test:calendar` moves the clock with Debian's faketime (LD_PRELOAD, so every child sees it).
  if command -v faketime >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ]; then
    say "安装 faketime（apt-get）…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
  else
    say "缺少 faketime：请执行 sudo apt-get install -y faketime"
    return 1
  fi
}
