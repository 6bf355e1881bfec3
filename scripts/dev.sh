#!/usr/bin/env bash
# Install everything and run the main example: a Hono app on http://127.0.0.1:3001 where you can sign in
# with the embedded local OpenID provider or with credentials. No external account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
pnpm run build
exec pnpm --filter @latch/example-hono start
