#!/usr/bin/env bash
# `npm start`: install, build what is stale, start the local service center.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_deps
ensure_h5_build
exec node_modules/.bin/tsx local/start.ts
