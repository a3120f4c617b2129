#!/usr/bin/env python
"""Run notebooks as Jupyter runs them: through the project's `cspnet_nb` kernel (installed into the venv first) with
nbclient, not nbdev's in-process runner. Fails if a cell raises, or if the kernel is not the venv's Python importing this
checkout's `cspnet_nb`. The notebooks run on copies (nothing is written back). `make test` runs it on `index` and
`00_blocks`; other notebooks can be named on the command line."""
from __future__ import annotations
import json, os, subprocess, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lab import KERNEL, ROOT, install_kernel

PROBE = "import sys, cspnet_nb, json; print(json.dumps(dict(prefix=sys.prefix, package=cspnet_nb.__file__)))"

def run_nb(path: Path, timeout=600) -> dict:
    "Execute a copy of notebook `path` in the `cspnet_nb` kernel (cwd: its folder); returns what the kernel says it is."
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL, resources={'metadata': {'path': str(path.parent)}})
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log (its TCP notice); cell errors come back as outputs
    out = next(o for o in nb.cells[-1].outputs if o.output_type == 'stream')
    return json.loads(out.text)

def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    names = argv or ['index.ipynb', '00_blocks.ipynb']
    install_kernel()
    os.environ.setdefault('OMP_NUM_THREADS', '2')
    failed = 0
    for name in names:
        path = (ROOT/'nbs'/name) if not Path(name).exists() else Path(name).resolve()
        t0 = time.time()
        try: info = run_nb(path)
        except CellExecutionError as e:
            failed += 1; print(f"test_kernel: {path.name}: FAILED in the {KERNEL} kernel:\n{str(e)[-2000:]}"); continue
        probs = []
        if Path(info['prefix']).resolve() != Path(sys.prefix).resolve(): probs.append(f"kernel Python is {info['prefix']}, not this venv")
        if not Path(info['package']).resolve().is_relative_to(ROOT): probs.append(f"cspnet_nb imported from {info['package']}, not this checkout")
        if probs: failed += 1; print(f"test_kernel: {path.name}: FAILED: {'; '.join(probs)}"); continue
        print(f"test_kernel: {path.name} ran in the '{KERNEL}' kernel (the venv's Python, this checkout's cspnet_nb) in {time.time() - t0:.0f} s")
    if failed: sys.exit(f"test_kernel: {failed} of {len(names)} notebooks FAILED")

if __name__ == '__main__': main()
