#!/usr/bin/env bash
# Run nbdev-test over every notebook (extra arguments are passed on, e.g. --flags slow) and close with
# a one-line summary "notebooks: N passed, N failed". Exits non-zero if any notebook fails.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export KINETO_LOG_LEVEL=${KINETO_LOG_LEVEL:-5}  # PyTorch's profiler library: errors only (no init-callback notices)
log=$(mktemp)
start=$(date +%s)
.venv/bin/nbdev-test --do-print --timing "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
total=$(grep -c '^Starting ' "$log" || true)
failed=$(sed -n '/Failed On The Following Notebooks/,$p' "$log" | grep -c '\.ipynb' || true)
rm -f "$log"
[ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=$total
echo "nbdev-test took $(( $(date +%s) - start )) s"
echo "notebooks: $(( total - failed )) passed, $failed failed"
exit "$rc"
