"""Glue between nbdev's processed notebooks (`_proc/`) and Sphinx + myst-nb.

nbdev prepares notebooks for Quarto: a raw YAML front-matter cell, `show_doc` cells whose markdown output is meant to be
inserted as-is, Quarto link attributes and `:::` divs, site-absolute links, and cell metadata that nbformat rejects.
The functions here turn such a notebook into a plain one that myst-nb renders. They are pure (notebook dict in, notebook
dict out) so that `tools/test_docs_tools.py` can test them without building a site.
"""
from __future__ import annotations
import html, re
import yaml

__all__ = ['QuartoLeftover', 'front_matter', 'cell_directives', 'pandoc_id', 'link_html', 'fix_markdown', 'page_name',
           'convert_nb', 'sidebar_order']

class QuartoLeftover(ValueError):
    "Markdown still holding a Quarto-only construct after conversion."

# %% front matter and cell directives
_re_fm = re.compile(r'^\s*---\s*\n(.*?)\n---\s*$', re.S)

def front_matter(cell) -> dict | None:
    "The YAML front matter of a raw cell (`---` ... `---`), or None if the cell is not front matter."
    if cell.get('cell_type') != 'raw': return None
    m = _re_fm.match(_src(cell))
    return (yaml.safe_load(m.group(1)) or {}) if m else None

_re_dir = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')

def cell_directives(source: str) -> tuple[dict, str]:
    "Split the leading `#| key: value` lines off a code cell: `(directives, remaining source)`."
    lines, dirs = source.splitlines(), {}
    while lines and (m := _re_dir.match(lines[0])):
        dirs[m.group(1)] = m.group(2).strip().strip('"\'').lower() or 'true'
        lines.pop(0)
    return dirs, '\n'.join(lines).strip('\n')

def _src(cell): s = cell.get('source', ''); return ''.join(s) if isinstance(s, list) else s

# %% markdown
def pandoc_id(text: str) -> str:
    "The id Quarto (pandoc) gives a heading, which nbdev's doc links point to: `ZooModel.forward` -> `zoomodel.forward`."
    text = re.sub(r'<[^>]+>|[`*]', '', text).strip().lower()
    return re.sub(r'[^\w.\-]', '', re.sub(r'\s+', '-', text))

def _inline_html(text: str) -> str:
    "Link text (plain text and `code` spans) as HTML."
    parts = re.split(r'(`[^`]+`)', text)
    return ''.join(f'<code>{html.escape(p[1:-1])}</code>' if p.startswith('`') and p.endswith('`') else html.escape(p)
                   for p in parts)

def link_html(text: str, url: str, cls: str = '') -> str:
    "An inline HTML link (MyST would try to resolve a markdown link to `page.html` as a cross-reference)."
    c = f' class="{cls}"' if cls else ''
    return f'<a href="{html.escape(url, quote=True)}"{c}>{_inline_html(text)}</a>'

_CALLOUTS = {'note': 'note', 'tip': 'tip', 'warning': 'warning', 'important': 'important', 'caution': 'caution'}
_re_div_open = re.compile(r'^(:{3,})\s*\{(.*)\}\s*$')
_re_div_close = re.compile(r'^(:{3,})\s*$')
_re_fence = re.compile(r'^\s*(```|~~~)')
# [text](url){attrs}, with nested brackets/backticks in text allowed one level deep
_re_link = re.compile(r'(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)(\{[^}]*\})?')
_re_span = re.compile(r'\[([^\[\]]+)\]\{[^}]*\}')        # [text]{.class}: a Quarto span
_re_img_attr = re.compile(r'(!\[[^\]]*\]\([^)]*\))\{[^}]*\}')  # ![alt](src){width=...}
_re_heading = re.compile(r'^(#{1,6})\s+(.*?)\s*#*\s*$')
_re_head_attr = re.compile(r'\s*\{[^}]*\}\s*$')

def _fix_link(m, pages):
    text, url, attrs = m.group(1), m.group(2), m.group(3)
    if text == 'source' and attrs and 'float:right' in attrs.replace(' ', ''):
        # show_doc's link to the code; without a repository URL nbdev makes it `/blob/main/<file>#L<n>`
        if url.startswith(('http://', 'https://')): return link_html('source', url, 'nbdev-source')
        src = re.sub(r'^/?blob/[^/]+/', '', url)
        file, _, line = src.partition('#L')
        return f'<span class="nbdev-source">{html.escape(file)}{f", line {line}" if line else ""}</span>'
    if re.match(r'^[a-z][a-z0-9+.-]*:', url) or url.startswith('#'):  # external or in-page: keep, drop Quarto attrs
        return f'[{text}]({url})' if not url.startswith('#') else link_html(text, url)
    page, _, anchor = url.lstrip('/').partition('#')
    if page.endswith('.ipynb') and page in pages: page = pages[page] + '.html'
    if page.endswith('.html') or page == '':
        return link_html(text, (page or 'index.html') + (f'#{anchor}' if anchor else ''))
    return f'[{text}]({url})'

def fix_markdown(md: str, pages: dict | None = None, anchors: bool = False) -> str:
    """Turn Quarto-flavoured markdown into MyST: callout divs -> admonitions, other divs and attribute blocks dropped,
    site-absolute links -> relative HTML links (`pages` maps notebook files to page names), show_doc headings given the anchors nbdev links to (`anchors=True`)."""
    out, stack, in_code = [], [], False
    for line in md.splitlines():
        if _re_fence.match(line):
            in_code = not in_code; out.append(line); continue
        if in_code: out.append(line); continue
        if m := _re_div_open.match(line):
            attrs = m.group(2)
            kind = next((k for k in re.findall(r'\.callout-(\w+)', attrs)), None)
            if kind:
                title = re.search(r'title="([^"]*)"', attrs)
                adm = _CALLOUTS.get(kind, 'note')
                out.append(f':::{{admonition}} {title.group(1)}\n:class: {adm}' if title else f':::{{{adm}}}')
                stack.append(':::')
            else: stack.append(None)
            continue
        if _re_div_close.match(line) and stack:
            close = stack.pop()
            if close: out.append(close)
            continue
        if h := _re_heading.match(line):
            text = _re_head_attr.sub('', h.group(2))  # Quarto heading attributes: `## Title {.unnumbered}`
            line = f'{h.group(1)} {text}'
            if anchors: out += [f'<a id="{pandoc_id(text)}" class="nbdev-anchor"></a>', '']
        line = _re_img_attr.sub(r'\1', line)
        line = _re_link.sub(lambda m: _fix_link(m, pages or {}), line)
        line = _re_span.sub(r'\1', line)
        out.append(line)
    res = '\n'.join(out)
    chk, in_code = [], False
    for line in res.splitlines():  # what must never reach the page (code blocks excepted)
        if _re_fence.match(line): in_code = not in_code
        elif not in_code: chk.append(re.sub(r'`[^`]*`', '', line))
    bad = re.search(r'\{target=|\{\.[\w-]+[^}]*\}|^:::\s*\{\s*\.', '\n'.join(chk), re.M)
    if bad: raise QuartoLeftover(f"Quarto construct left in markdown: {bad.group(0)!r} in:\n{res[:500]}")
    return res

# %% notebooks
def page_name(fm: dict | None, stem: str) -> str:
    "The page a notebook becomes: its front matter's `output-file` (`resnet.html` -> `resnet`), else its file stem."
    of = (fm or {}).get('output-file')
    return re.sub(r'\.html$', '', of) if of else stem

_TAGS = {'echo': 'remove-input', 'output': 'remove-output', 'include': 'remove-cell'}
NB_METADATA = {'kernelspec': {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'},
               'language_info': {'name': 'python', 'pygments_lexer': 'ipython3'}}

def _md_cell(source): return {'cell_type': 'markdown', 'metadata': {}, 'source': source}

def convert_nb(nb: dict, pages: dict | None = None, toctree=()) -> dict:
    """A plain notebook from an nbdev-processed one: front matter -> title and description, `output: asis` results ->
    markdown cells, Quarto markdown -> MyST, cell metadata dropped, `toctree` (page names) added as a hidden toctree."""
    cells, title = [], None
    for cell in nb['cells']:
        fm = front_matter(cell)
        if fm is not None:
            title = fm.get('title')
            if title: cells.append(_md_cell(f'# {title}'))
            if fm.get('description'): cells.append(_md_cell(f'> {fm["description"].strip()}'))
            continue
        src = _src(cell)
        if cell['cell_type'] == 'raw': continue
        if cell['cell_type'] == 'markdown':
            if src.strip().startswith('<!-- WARNING: THIS FILE WAS AUTOGENERATED'): continue
            cells.append(_md_cell(fix_markdown(src, pages)))
            continue
        dirs, code = cell_directives(src)
        if dirs.get('include') == 'false': continue
        if dirs.get('output') == 'asis':  # show_doc and the like: the output *is* markdown
            if dirs.get('echo') != 'false' and code: cells.append(_code_cell(code, [], ['remove-output']))
            for o in cell.get('outputs', []):
                d = o.get('data', {})
                md = d.get('text/markdown') or (''.join(o.get('text', '')) if o.get('output_type') == 'stream' else None)
                if md is None: continue
                md = ''.join(md) if isinstance(md, list) else md
                # show_doc opens with a rule: as HTML, since a docutils transition may not open a section
                md = re.sub(r'^\s*---\s*\n', '<hr class="nbdev-rule">\n\n', md)
                cells.append(_md_cell(fix_markdown(md, pages, anchors=True)))
            continue
        tags = [t for k, t in _TAGS.items() if dirs.get(k) == 'false']
        if dirs.get('code-fold') in ('true', 'show'): tags.append('hide-input')
        outs = []
        for o in cell.get('outputs', []):
            o = {k: v for k, v in o.items() if k != 'metadata' or o['output_type'] != 'stream'}
            if 'data' in o and 'text/markdown' in o['data']:
                md = o['data']['text/markdown']
                o = {**o, 'data': {**o['data'], 'text/markdown': fix_markdown(''.join(md) if isinstance(md, list) else md, pages)}}
            if o['output_type'] in ('execute_result', 'display_data'): o.setdefault('metadata', {})
            outs.append(o)
        cells.append(_code_cell(code, outs, tags, cell.get('execution_count')))
    if toctree:
        cells.append(_md_cell('```{toctree}\n:hidden:\n\n' + '\n'.join(toctree) + '\n```'))
    for i, c in enumerate(cells): c['id'] = f'c{i:03d}'
    return {'nbformat': 4, 'nbformat_minor': 5, 'metadata': dict(NB_METADATA), 'cells': cells}

def _code_cell(code, outputs, tags, count=None):
    return {'cell_type': 'code', 'execution_count': count if outputs else None,
            'metadata': {'tags': tags} if tags else {}, 'outputs': outputs, 'source': code}

def sidebar_order(sidebar: dict) -> list[str]:
    "Notebook paths in the order of an nbdev `sidebar.yml` (sections flattened)."
    res = []
    def walk(items):
        for it in items or []:
            if isinstance(it, str): res.append(it)
            elif isinstance(it, dict):
                if it.get('href'): res.append(it['href'])
                walk(it.get('contents'))
    walk(((sidebar or {}).get('website') or {}).get('sidebar', {}).get('contents'))
    return res
