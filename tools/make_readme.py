#!/usr/bin/env python
"""Write README.md from nbs/index.ipynb, offline (nbdev-readme needs Quarto, which cannot be installed here).

Markdown cells are copied, code cells become ```python blocks followed by their committed outputs, and cells follow the
directives Quarto would: `#| hide` / `#| include: false` drop the cell, `#| echo: false` drops the code,
`#| output: false` the outputs, `#| code-fold: true` folds the code into <details>. `--check` compares instead of writing
and fails when README.md is out of step with the notebook (`make test` runs it).
"""
from __future__ import annotations
import difflib, json, re, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docs_glue import cell_directives

FOOTER = '<!-- Generated from nbs/index.ipynb by `make readme` (tools/make_readme.py): edit the notebook, not this file. -->'
_re_ansi = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')

def _text(x): return ''.join(x) if isinstance(x, list) else (x or '')

def _fence(text, lang=''):
    text = _re_ansi.sub('', text).rstrip('\n')
    ticks = '```' if '```' not in text else '````'
    return f'{ticks}{lang}\n{text}\n{ticks}'

def output_md(o) -> str | None:
    "Markdown for one output: markdown as is, everything else as its plain text (images and HTML-only outputs skipped)."
    if o.get('output_type') == 'stream': return _fence(_text(o.get('text')))
    if o.get('output_type') == 'error': return _fence('\n'.join(o.get('traceback', [])))
    d = o.get('data', {})
    if 'text/markdown' in d: return _text(d['text/markdown']).strip('\n')
    if 'text/plain' in d: return _fence(_text(d['text/plain']))
    return None

def readme_md(nb: dict) -> str:
    "The README text of the index notebook `nb` (a dict as read from JSON)."
    parts = []
    for cell in nb['cells']:
        src = _text(cell.get('source'))
        if cell['cell_type'] == 'raw': continue
        dirs, body = cell_directives(src)
        if 'hide' in dirs or dirs.get('include') == 'false': continue
        if cell['cell_type'] == 'markdown':
            if body.strip(): parts.append(body.strip('\n'))
            continue
        if body.strip() and dirs.get('echo') != 'false':
            code = _fence(body, 'python')
            if dirs.get('code-fold') in ('true', 'show'): code = f'<details>\n<summary>Code</summary>\n\n{code}\n\n</details>'
            parts.append(code)
        if dirs.get('output') != 'false':
            parts += [m for o in cell.get('outputs', []) if (m := output_md(o))]
    return '\n\n'.join(parts) + f'\n\n{FOOTER}\n'

def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parent.parent
    nb_path, readme = root/'nbs'/'index.ipynb', root/'README.md'
    text = readme_md(json.loads(nb_path.read_text()))
    if '--check' in argv:
        old = readme.read_text() if readme.exists() else ''
        if old != text:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True), 'README.md',
                                                       'from nbs/index.ipynb', n=1))
            print("\nreadme-check: FAILED: README.md is out of step with nbs/index.ipynb; run `make readme`.", file=sys.stderr)
            return 1
        print("readme-check: README.md agrees with nbs/index.ipynb")
        return 0
    if not readme.exists() or readme.read_text() != text: readme.write_text(text)
    print(f"make_readme: wrote {readme.relative_to(root)} from nbs/index.ipynb")
    return 0

if __name__ == '__main__': sys.exit(main())
