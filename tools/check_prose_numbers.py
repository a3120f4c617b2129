#!/usr/bin/env python
"""Fail when a chapter's prose states a measured figure that its outputs do not contain (`make test` runs it over `nbs/`).

A notebook is re-run on other machines; a figure typed by hand beside the outputs it came from stops agreeing with them
the moment that happens. So every *measured-looking* number in a markdown cell must also appear in:
- the text outputs of the same notebook (a table, a printed line, or a Markdown cell rendered from a result object), or
- the code of the same notebook or of the package (`cspnet_nb/*.py`): the paper's and the seed write-ups' numbers live
  there as data (e.g. `PAPER_TABLE`), and so do settings such as `part_ratio=0.5`.

Measured-looking: a decimal number (`0.862`, `33.3`), a number with a unit of measure (`12 ms`, `1.8x`, `19.4%`,
`350 MB`, `3 min`, `90 GFLOP/s`), or a comma-grouped integer (`25,557,032`). Plain small integers (`3 stages`, `224 px`
settings, years), a version after the software's name (`Python 3.10`, `torch 2.14`) and anything inside inline code, math,
links' targets or HTML comments are not checked. Numbers are
compared as written, without thousands separators (`25,557,032` matches `25557032` and `25_557_032`).
"""
from __future__ import annotations
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNIT = r'(?:\s?(?:ms|µs|us|s|sec|min|h|%|x|×|GFLOP/s|TFLOP/s|GB|MB|GiB|MiB|KiB|kB|MACs|GMACs|M params|M\b))'
_num = re.compile(r'(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+\.\d+|\d+)(?![\w.]*\d)(' + UNIT + r')?(?![\w])')
# A version after the software's name (`Python 3.10`, `torch 2.14`, `CUDA 12.4`) is not a figure.
_version = re.compile(r'(?:\b(?:Python|PyTorch|torch|torchvision|timm|fastai|fastcore|nbdev|numpy|CUDA|cuDNN|ONNX|onnxruntime|'
                      r'OpenVINO|opset|Ubuntu|Debian|macOS)\s+v?)$', re.I)
_strip = [re.compile(p, re.S) for p in (r'<!--.*?-->', r'```.*?```', r'`[^`\n]*`', r'\$\$.*?\$\$', r'\$[^$\n]+\$',
                                         r'\]\([^)]*\)', r'<[^>]+>', r'https?://\S+')]

def _text(v): return ''.join(v) if isinstance(v, list) else str(v or '')

def prose_numbers(md: str) -> list[str]:
    "The measured-looking numbers of one markdown cell, as written (unit dropped)."
    for r in _strip: md = r.sub(' ', md)
    out = []
    for m in _num.finditer(md):
        n, unit = m.group(1), m.group(2)
        if _version.search(md, 0, m.start()) and not unit: continue
        if '.' in n or ',' in n or unit: out.append(n)
    return out

def _norm(s: str) -> str: return re.sub(r'(?<=\d)[,_](?=\d{3})', '', s)

def haystack(nb: dict) -> str:
    "Everything a prose number may come from in notebook `nb`: its code and its text outputs, separators removed."
    parts = []
    for c in nb.get('cells', []):
        if c.get('cell_type') != 'code': continue
        parts.append(_text(c.get('source')))
        for o in c.get('outputs', []):
            if o.get('output_type') == 'stream': parts.append(_text(o.get('text')))
            for k, v in (o.get('data') or {}).items():
                if not k.startswith('image/'): parts.append(_text(v))
    return _norm('\n'.join(parts))

def package_text(root: Path = ROOT) -> str:
    return _norm('\n'.join(p.read_text() for p in sorted((root/'cspnet_nb').glob('*.py')) if p.name != '_modidx.py'))

def contains(hay: str, n: str) -> bool:
    return re.search(r'(?<![\d.])' + re.escape(_norm(n)) + r'(?![\d])', hay) is not None

def check_nb(nb: dict, pkg: str = '') -> list[str]:
    "One line per number in `nb`'s prose that neither its outputs, its code, nor the package's code contain."
    hay, probs = haystack(nb) + '\n' + pkg, []
    for i, c in enumerate(nb.get('cells', [])):
        if c.get('cell_type') != 'markdown': continue
        for n in prose_numbers(_text(c.get('source'))):
            if not contains(hay, n): probs.append(f"cell {i}" + (f" ({c['id']})" if c.get('id') else '') + f": {n!r}")
    return list(dict.fromkeys(probs))

def main(argv=None):
    from check_outputs import report  # the sibling check's report: one format for both
    argv = sys.argv[1:] if argv is None else argv
    files = [Path(a) for a in argv] or sorted(p for p in (ROOT/'nbs').glob('*.ipynb'))
    pkg = package_text()
    bad = {f: probs for f in files if (probs := check_nb(json.loads(f.read_text()), pkg))}
    return report(bad, len(files), 'check_prose_numbers', "number(s) in the prose that no output or code of the notebook contains", 12,
                  "state a measured figure in the prose only by rendering it from the run's result (a Markdown output, a "
                  "table), so that a re-run changes both; numbers typed by hand are the paper's and the seeds' (kept as data "
                  "in the package).", 'every measured figure in the prose is in their outputs or code')

if __name__ == '__main__': sys.exit(main())
