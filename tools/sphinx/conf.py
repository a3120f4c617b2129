# Sphinx configuration of the documentation site. `tools/build_docs.py` stages the nbdev-processed notebooks as plain
# notebooks and runs `sphinx-build -c tools/sphinx`; nothing here needs the network.
import importlib.util, shutil
from pathlib import Path
from nbdev.config import get_config

_cfg = get_config()
project = _cfg.title or _cfg.lib_name
html_title = project
author = 'cspnet_nb developers'
copyright = 'cspnet_nb developers'
root_doc = 'index'

extensions = ['myst_nb']
nb_execution_mode = 'off'             # pages show the outputs committed in nbs/ (and the show_doc blocks nbdev renders)
nb_render_markdown_format = 'myst'    # text/markdown outputs (tables) rendered as MyST, as Quarto would
nb_merge_streams = True
myst_enable_extensions = ['colon_fence', 'dollarmath']
myst_all_links_external = True        # links are already relative HTML links to pages and anchors
suppress_warnings = ['myst.header']   # show_doc headings start at level 3 under the page title
exclude_patterns = ['_build', '**.ipynb_checkpoints']

html_theme = 'furo'
html_static_path = ['_static']
html_css_files = ['custom.css']
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {'navigation_with_keys': True}

# Maths without the network: MathJax 3 from the `sphinx-mathjax-offline` package (the dev extra), copied into _static.
_mj = importlib.util.find_spec('sphinx-mathjax-offline')
_mj_dir = Path(_mj.origin).parent/'static'/'mathjax' if _mj else None
if _mj_dir: mathjax_path = 'mathjax/tex-chtml.js'
else: print("conf.py: sphinx-mathjax-offline is not installed: pages with maths will load MathJax from its CDN")

def _copy_mathjax(app, exc):
    if exc or not _mj_dir: return
    out = Path(app.outdir)/'_static'/'mathjax'
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy2(_mj_dir/'tex-chtml.js', out)
    shutil.copytree(_mj_dir/'output'/'chtml'/'fonts', out/'output'/'chtml'/'fonts', dirs_exist_ok=True)

def setup(app): app.connect('build-finished', _copy_mathjax)
