#!/usr/bin/env python
"""Build the documentation site in `_docs/`, offline.

1. nbdev's own processing of every notebook (`nbdev.serve.proc_nbs`, the step `nbdev-docs` runs before Quarto): exported
   cells hidden, `show_doc` blocks rendered, hidden cells removed -> `_proc/` (test cells run only their imports, see
   `exec_for_docs`). `nbs/nbdev.yml`, `nbs/_quarto.yml` and `nbs/sidebar.yml` are refreshed as `nbdev-docs` does, so
   the Quarto site still builds where Quarto is installed.
2. `docs_glue.convert_nb` turns each processed notebook into a plain notebook (`_proc/.sphinx/src/<page>.ipynb`), in the
   order of `nbs/sidebar.yml`.
3. Sphinx + myst-nb + furo render them into `_docs/` with warnings as errors (`tools/sphinx/conf.py`).
"""
from __future__ import annotations
import ast, json, os, shutil, subprocess, sys, time
from pathlib import Path
import nbformat, yaml
from fastcore.script import call_parse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from docs_glue import convert_nb, front_matter, page_name, sidebar_order

def import_lines(cell) -> str:
    "The top-level import statements of a code cell, as code."
    try: trees = cell.parsed_()
    except Exception: return ''
    return '\n'.join(ast.unparse(t) for t in trees or [] if isinstance(t, (ast.Import, ast.ImportFrom)))

def exec_for_docs(self, cell):
    """`nbdev.processors.exec_show_docs.__call__` with one change: nbdev runs every cell that contains an import, so a
    test cell that also imports something runs whole during the docs build (training, export, and a NameError when it
    uses names from cells that are not run). Here such cells run only their import statements; exported cells and
    `show_doc` cells run as in nbdev. The pages show the outputs committed in `nbs/` either way."""
    from fastcore.basics import str2bool
    from nbdev.processors import _do_eval, _show_docs
    if not self.nb.has_docs_ or not hasattr(self, 'k'): return
    fm = getattr(self.nb, 'frontmatter_', {})
    if str2bool(fm.get('skip_showdoc', False)) or cell.cell_type != 'code': return
    dirs = cell.directives_ or {}
    whole = dirs.keys() & {'export', 'exports', 'exporti', 'exec_doc'} or _show_docs(cell.parsed_() or [])
    if whole:
        if _do_eval(cell): self.k.cell(cell)
    elif dirs.get('eval', '').lower() != 'false' and (imports := import_lines(cell)): self.k.run(imports)
    if (e := self.k.exc):
        title = fm.get('title', '')
        raise Exception(f"Error{' in notebook: ' + title if title else ''} in cell {cell.idx_}:\n{cell.source}\n"
                        f"{type(e).__name__}: {e}") from e

def process(cfg):
    "nbdev's processing of every notebook into `_proc/` (cached: only notebooks changed since are redone)."
    import nbdev.processors
    from nbdev.quarto import refresh_quarto_yml, nbdev_sidebar
    from nbdev.serve import proc_nbs
    refresh_quarto_yml()
    nbdev_sidebar.__wrapped__(path=cfg.nbs_path, force=True)
    nbdev.processors.exec_show_docs.__call__ = exec_for_docs
    try: proc_nbs(cfg.nbs_path, n_workers=0)  # in this process, so that the processor above is used
    except Exception as e: sys.exit(f"{e}\nbuild_docs: FAILED in nbdev's processing of the notebooks (above)")

def stage(cfg, src: Path) -> list[dict]:
    "Write the plain notebooks for Sphinx into `src`, index first and the rest in sidebar order; returns the pages."
    cache = cfg.config_path/'_proc'
    order = sidebar_order(yaml.safe_load((cfg.nbs_path/'sidebar.yml').read_text()))
    nbs = [o for o in order if o.endswith('.ipynb') and (cache/o).exists()]
    nbs += sorted(p.name for p in cache.glob('*.ipynb') if p.name not in nbs and (cfg.nbs_path/p.name).exists())
    if 'index.ipynb' not in nbs: sys.exit("build_docs: nbs/index.ipynb (the home page) is missing")
    nbs.remove('index.ipynb'); nbs.insert(0, 'index.ipynb')
    loaded, pages, titles = {}, {}, {}
    for name in nbs:
        nb = json.loads((cache/name).read_text())
        fm = next((f for c in nb['cells'][:2] if (f := front_matter(c)) is not None), None)
        page = 'index' if name == 'index.ipynb' else page_name(fm, Path(name).stem)
        if page in pages.values(): sys.exit(f"build_docs: {name} and another notebook both become {page}.html")
        loaded[name], pages[name], titles[name] = nb, page, (fm or {}).get('title') or page
    if src.exists(): shutil.rmtree(src)
    src.mkdir(parents=True)
    for name, nb in loaded.items():
        toc = [pages[n] for n in nbs[1:]] if name == 'index.ipynb' else ()
        out = nbformat.from_dict(convert_nb(nb, pages, toc))
        nbformat.validate(out)
        nbformat.write(out, src/f'{pages[name]}.ipynb')
    for f in cache.rglob('*'):  # images and other files the notebooks refer to
        rel = f.relative_to(cache)
        if f.is_file() and f.suffix.lower() in ('.png', '.jpg', '.jpeg', '.gif', '.svg') and not rel.parts[0].startswith('.'):
            (src/rel).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(f, src/rel)
    return [dict(page=pages[n], title=titles[n], notebook=f'nbs/{n}') for n in nbs]

def sphinx(cfg, src: Path, out: Path, doctrees: Path):
    if out.exists(): shutil.rmtree(out)
    conf = Path(__file__).resolve().parent/'sphinx'
    cmd = [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-E', '-q', '-b', 'html', '-c', str(conf),
           '-d', str(doctrees), str(src), str(out)]
    r = subprocess.run(cmd, cwd=cfg.config_path)
    if r.returncode: sys.exit(f"build_docs: sphinx-build failed (exit {r.returncode}); see the warnings above")

@call_parse
def main(skip_proc: bool = False):  # reuse `_proc/` as it is (for work on the glue)
    "Render every notebook in `nbs/` into the static site `_docs/`, offline."
    from nbdev.config import get_config
    cfg = get_config()
    os.chdir(cfg.config_path)
    t0 = time.time()
    if not skip_proc: process(cfg)
    t1 = time.time()
    tmp = cfg.config_path/'_proc'/'.sphinx'
    pages = stage(cfg, tmp/'src')
    sphinx(cfg, tmp/'src', cfg.doc_path, tmp/'doctrees')
    (cfg.doc_path/'.nojekyll').touch()
    (cfg.doc_path/'pages.json').write_text(json.dumps(pages, indent=1))  # what tools/check_docs.py checks
    print(f"build_docs: {len(pages)} pages in {cfg.doc_path.relative_to(cfg.config_path)}/ "
          f"(nbdev processing {t1 - t0:.0f} s, Sphinx {time.time() - t1:.0f} s): {', '.join(p['page'] for p in pages)}")
