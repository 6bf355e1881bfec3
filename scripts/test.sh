#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what it needs, builds every package, type-checks, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/services.sh
pnpm run build
pnpm run typecheck
mkdir -p .tmp
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest-results.json "$@" || status=$?
# One plain closing line with the totals, whatever the runner printed above.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest-results.json", "utf8"))
  const skipped = r.numPendingTests + r.numTodoTests
  // A file that fails outside any test (an import or top-level error) has no failed test to count: name it.
  const broken = r.testResults.filter((t) => t.status === "failed" && !t.assertionResults.some((a) => a.status === "failed"))
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : "") +
    (broken.length ? `; ${broken.length} test file(s) failed outside any test: ${broken.map((t) => require("path").relative(process.cwd(), t.name)).join(", ")}` : ""))
' || true
exit "$status"
