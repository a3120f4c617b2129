#!/usr/bin/env bash
# Notebooks are the source of truth: exporting and cleaning them in a scratch copy must reproduce
# the package and the notebooks exactly as they stand in the work tree.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin="$top/.venv/bin"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$top"
tar --exclude=./.venv --exclude=./.git --exclude=./_docs --exclude=./_proc -cf - . | tar -xf - -C "$scratch"
(cd "$scratch" && "$bin/nbdev-export" && "$bin/nbdev-clean")
if ! diff -r --exclude=__pycache__ --exclude='*.pyc' cspnet_nb "$scratch/cspnet_nb" \
   || ! diff -r --exclude=.ipynb_checkpoints nbs "$scratch/nbs"; then
  echo "check-export: FAILED: nbdev-export/nbdev-clean do not reproduce the committed files." >&2
  echo "Edit the notebooks, run nbdev-export and nbdev-clean, and commit both." >&2
  exit 1
fi
echo "check-export: notebooks and package agree"
