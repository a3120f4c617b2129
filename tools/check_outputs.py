#!/usr/bin/env python
"""Fail when a committed notebook output shows something of the machine it ran on, or a warning that is not the reader's
business (`make test` runs it over every notebook in `nbs/`).

An output is every code cell's stream, error and data output (`text/plain`, `text/markdown`, `text/html`, ...; images are
skipped). It fails the check when its text contains
- an absolute path of this machine: the repository's root, the virtual env (`sys.prefix`, the `.venv` link and where it
  points), the home directory, or any path under `/root`, `/tmp`, `/work`, `/home`, `/Users`, `/var/folders`, `/usr/local`,
  `/opt/conda`;
- a Python warning: a line `...: SomeWarning: ...` as `warnings` prints it (DeprecationWarning, FutureWarning, UserWarning,
  ...), the words `is deprecated`, or the machine's messages about itself that libraries print (PyTorch's `No CUDA runtime
  is found`, the profiler's `External init callback must run in same thread`).

A cell whose output must show such text (a test of the warning itself) says so with a line `# check_outputs: allow`.
"""
from __future__ import annotations
import json, os, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERIC = ('/root', '/tmp', '/work', '/home', '/Users', '/var/folders', '/usr/local', '/opt/conda')
_re_warning = re.compile(r'\b(\w*Warning): |\bis deprecated\b|No CUDA runtime is found|External init callback must run in same thread')
ALLOW = '# check_outputs: allow'

def machine_paths(root: Path = ROOT) -> list[str]:
    "This machine's absolute paths that must not appear in outputs, longest first."
    paths = {str(root), str(root.resolve()), sys.prefix, os.path.realpath(sys.prefix), str(Path.home())}
    venv = root/'.venv'
    if venv.exists(): paths |= {str(venv), os.path.realpath(venv)}
    return sorted((p for p in paths if p and p != '/' and len(p) > 1), key=len, reverse=True)

def _re_paths(paths):
    specific = '|'.join(re.escape(p) for p in paths)
    generic = '|'.join(re.escape(p) for p in GENERIC)
    # a path starts the text or follows a space, quote, bracket or `=`: not the tail of a URL (`https://host/tmp/...`)
    return re.compile(rf'(?:^|(?<=[\s\'"(\[=<>,]))((?:{specific})(?:/[^\s\'"<>)\]]*)?|(?:{generic})(?:/[^\s\'"<>)\]]*)?(?=[\s\'"<>)\],:]|$))', re.M)

def output_text(o: dict) -> str:
    "The text of one output (images left out)."
    t = lambda x: ''.join(x) if isinstance(x, list) else str(x or '')
    if o.get('output_type') == 'stream': return t(o.get('text'))
    if o.get('output_type') == 'error': return '\n'.join([t(o.get('ename')), t(o.get('evalue'))] + list(o.get('traceback', [])))
    return '\n'.join(t(v) for k, v in (o.get('data') or {}).items() if not k.startswith('image/'))

def check_nb(nb: dict, paths: list[str] | None = None) -> list[str]:
    "Problems in the outputs of notebook `nb` (a dict read from JSON): one line per problem."
    rp = _re_paths(machine_paths() if paths is None else paths)
    probs = []
    for i, cell in enumerate(nb.get('cells', [])):
        if cell.get('cell_type') != 'code': continue
        src = ''.join(cell.get('source', ''))
        if ALLOW in src: continue
        where = f"cell {i}" + (f" ({cell['id']})" if cell.get('id') else '')
        for o in cell.get('outputs', []):
            text = re.sub(r'\x1b\[[0-9;]*[A-Za-z]', '', output_text(o))
            for m in rp.finditer(text): probs.append(f"{where}: absolute path {m.group(1)[:100]!r}")
            for m in _re_warning.finditer(text):
                line = text[text.rfind('\n', 0, m.start()) + 1:].split('\n', 1)[0]
                probs.append(f"{where}: warning {line.strip()[:140]!r}")
    return list(dict.fromkeys(probs))

def report(bad: dict, n: int, name: str, what: str, limit: int, fail: str, ok: str) -> int:
    "Print each notebook's problems in `bad` (at most `limit` each), then the `fail` line on stderr (exit status 1) or the `ok` line (0)."
    for f, probs in bad.items():
        rel = f.resolve().relative_to(ROOT) if f.resolve().is_relative_to(ROOT) else f
        print(f"{rel}: {len(probs)} {what}")
        for p in probs[:limit]: print(f"  {p}")
        if len(probs) > limit: print(f"  ... and {len(probs) - limit} more")
    if bad:
        print(f"{name}: FAILED: {fail}", file=sys.stderr)
        return 1
    print(f"{name}: {n} notebooks, {ok}")
    return 0

def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    files = [Path(a) for a in argv] or sorted(p for p in (ROOT/'nbs').rglob('*.ipynb') if '.ipynb_checkpoints' not in p.parts)
    bad = {f: probs for f in files if (probs := check_nb(json.loads(f.read_text())))}
    return report(bad, len(files), 'check_outputs', 'problem(s)', 8,
                  f"{len(bad)} of {len(files)} notebooks have outputs with machine paths or warnings. Silence the warning at its "
                  "source (or with a targeted warnings.filterwarnings), print paths relative to the repository, re-run the "
                  "notebook and commit it.", 'no machine paths or warnings in their outputs')

if __name__ == '__main__': sys.exit(main())
