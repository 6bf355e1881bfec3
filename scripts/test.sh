#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what it needs, builds every package, type-checks, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/services.sh
pnpm run build
pnpm run typecheck
pnpm exec vitest run "$@"
