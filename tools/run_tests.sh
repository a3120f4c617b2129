#!/usr/bin/env bash
# Run nbdev-test over every notebook, each in a fresh process (extra arguments are passed on, e.g. --flags slow), and
# close with a one-line summary "notebooks: N passed, N failed". Exits non-zero if any notebook fails.
# One process per notebook, as a reader runs each notebook in a fresh kernel: nbdev-test's own worker pool reuses one
# process, where a family notebook's exported cells re-register the zoo's names with the notebook's own classes, so
# later notebooks would build models from those classes instead of the package's.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export KINETO_LOG_LEVEL=${KINETO_LOG_LEVEL:-6}  # PyTorch's profiler library: silent (5 still prints its USDT profiler_start/stop lines)
start=$(date +%s)
total=0; failed=0; failures=()
for nb in nbs/[0-9a-z]*.ipynb; do
  total=$((total + 1))
  t0=$(date +%s)
  if .venv/bin/nbdev-test --do-print "$@" "$nb" 2>&1; then
    echo "  $nb: $(( $(date +%s) - t0 )) s"
  else
    failed=$((failed + 1)); failures+=("$nb")
    echo "  $nb: FAILED after $(( $(date +%s) - t0 )) s"
  fi
done
echo "nbdev-test took $(( $(date +%s) - start )) s"
[ "$failed" -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
echo "notebooks: $(( total - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
