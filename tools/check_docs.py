#!/usr/bin/env python
"""Check the built site in a real browser: headless Chromium loads the home page and every notebook's page from disk,
takes a screenshot of each and dumps its DOM. Fails if a page is missing or blank, lacks its title, shows a Quarto
leftover (`{target=...}`, a `:::` div) or a raw directive, links to a page or image that is not there, or if the search
page finds nothing. Run after `tools/build_docs.py` (`make docs-test`).

Nothing cut off at the right: every page is also loaded (1280x1600 window) with a small script added to a scratch copy of
it, which measures every `table` and `pre` in the page body. An element is **cut off** when its content reaches past what
can be seen and cannot be scrolled to: its content's right edge (left + `scrollWidth`) lies right of the viewport or of an
ancestor that clips (`overflow-x` hidden/clip), and neither the element nor an ancestor between it and that edge scrolls
(`overflow-x` auto/scroll with `scrollWidth > clientWidth`, the scroll box itself inside the viewport). A wide table that
scrolls inside the page passes; for the first such element a second screenshot (`<page>-wide.png`) shows it scrolled
into view.

JupyterLab: the check also starts JupyterLab headless on a free local port (no token, no browser) with the `cspnet_nb`
kernel, loads `/api/contents` and `/api/kernelspecs` in Chromium and requires every notebook of `nbs/` and the kernel to be
listed, screenshots the `/lab` page (`jupyterlab.png`), and stops the server."""
from __future__ import annotations
import json, os, re, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlparse
from bs4 import BeautifulSoup
from fastcore.script import call_parse
from PIL import Image, ImageStat

FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--mute-audio']
LEFTOVERS = [(re.compile(r'\{target='), 'a raw {target=...} attribute'), (re.compile(r'(^|\n)\s*:::'), 'a ::: div'),
             (re.compile(r'\{\.callout'), 'a Quarto callout'), (re.compile(r'#\|\s*(echo|output|hide|export)'), 'a raw #| directive'),
             (re.compile(r'```\{'), 'an unrendered MyST directive')]

def find_chromium():
    for name in ('chromium', 'chromium-browser', 'google-chrome', 'chrome'):
        if p := shutil.which(name): return p
    sys.exit("check_docs: no chromium found (Debian: apt-get install -y chromium; `make docs-test` installs it)")

def chromium(exe, url, tmp, *args, timeout=90):
    "Run headless Chromium on `url` with a fresh profile; returns stdout."
    prof = tempfile.mkdtemp(prefix='profile-', dir=tmp)
    cmd = [exe, *FLAGS, f'--user-data-dir={prof}', *args, url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    shutil.rmtree(prof, ignore_errors=True)
    if r.returncode: raise RuntimeError(f"chromium exited {r.returncode} on {url}: {r.stderr[-500:]}")
    return r.stdout

WIDTH_JS = r"""
<script>
window.addEventListener('load', () => setTimeout(() => {
  const vw = document.documentElement.clientWidth, body = document.querySelector('article') || document.body, res = [];
  const ox = e => getComputedStyle(e).overflowX;
  body.querySelectorAll('table, pre').forEach((el, i) => {
    if (el.closest('table, pre') !== el && el.parentElement.closest('table, pre')) return;  // nested: the outer one counts
    const r = el.getBoundingClientRect();
    if (r.width === 0) return;
    let right = r.left + el.scrollWidth, ok = false, why = 'viewport', scroller = null;
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const o = ox(a), ar = a.getBoundingClientRect();
      if ((o === 'auto' || o === 'scroll') && a.scrollWidth > a.clientWidth + 1) {
        scroller = a; ok = ar.right <= vw + 1; why = ok ? 'scrolls' : 'scroll box past the viewport'; break; }
      if ((o === 'hidden' || o === 'clip') && right > ar.right + 1) { why = `clipped by <${a.tagName.toLowerCase()} class="${a.className}">`; break; }
      if (a === body) { ok = right <= vw + 1; break; }
    }
    if (!scroller && why === 'viewport') ok = right <= vw + 1;
    res.push({tag: el.tagName.toLowerCase(), i, ok, why, scrolls: !!scroller, right: Math.round(right), vw,
              text: (el.innerText || '').trim().slice(0, 60)});
    if (scroller && !window.__wc_first) window.__wc_first = el;
  });
  if (location.hash === '#wc-wide' && window.__wc_first) window.__wc_first.scrollIntoView({block: 'center'});
  const pre = document.createElement('pre'); pre.id = 'width-check'; pre.style.display = 'none';
  pre.textContent = JSON.stringify(res); document.body.appendChild(pre);
}, 300));
</script>
"""

def with_width_check(site: Path, tmp: Path) -> Path:
    "A scratch copy of the site whose pages carry `WIDTH_JS` (the site itself is left as built)."
    dst = Path(tmp)/'site'
    shutil.copytree(site, dst)
    for f in dst.glob('*.html'): f.write_text(f.read_text().replace('</body>', WIDTH_JS + '</body>'))
    return dst

def width_problems(dom: str) -> tuple[list[str], int]:
    "Cut-off tables/code blocks reported by `WIDTH_JS` in a dumped DOM, and how many elements scroll."
    el = BeautifulSoup(dom, 'html.parser').find(id='width-check')
    if el is None: return ['the width check did not run'], 0
    res = json.loads(el.get_text())
    bad = [f"{r['tag']} #{r['i']} cut off at the right ({r['why']}: content to x={r['right']}, viewport {r['vw']}): {r['text']!r}"
           for r in res if not r['ok']]
    return bad, sum(r['scrolls'] for r in res)

WIDE = 'x' * 400
SELF_TEST = f"""<html><body><article>
<div style="overflow-x:hidden;width:600px"><pre id="clipped">{WIDE}</pre></div>
<div style="overflow-x:auto;width:600px"><table><tr><td>{WIDE}</td></tr></table></div>
<pre style="overflow-x:visible;width:600px">{WIDE}</pre>
<pre style="overflow-x:auto;width:600px">{WIDE}</pre>
<table><tr><td>short</td></tr></table>
</article></body></html>"""

def self_test_width(exe, tmp):
    "The width check on a made-up page: it must fail the clipped and the overflowing blocks and pass the scrolling ones."
    f = Path(tmp)/'width-self-test.html'
    f.write_text(SELF_TEST.replace('</body>', WIDTH_JS + '</body>'))
    bad, scrolls = width_problems(chromium(exe, f.as_uri(), tmp, '--dump-dom', '--virtual-time-budget=2000', '--window-size=1280,1600'))
    got = sorted(b.split(' cut off')[0] for b in bad)
    if got != ['pre #0', 'pre #2'] or scrolls != 2:
        sys.exit(f"check_docs: the width check is broken: on its self-test page it found {bad} ({scrolls} scrolling)")

def blank(png: Path) -> bool:
    "True if the screenshot is (nearly) one colour."
    im = Image.open(png).convert('L')
    return max(ImageStat.Stat(im).stddev) < 2.0

def check_page(exe, site, page, title, shots, tmp, wsite=None):
    "Problems found on one page (an empty list if none); `wsite`: the copy of the site with the width check."
    f = site/f'{page}.html'
    if not f.is_file(): return [f'{page}.html is missing'], 0
    url = f.resolve().as_uri()
    wurl = (wsite/f'{page}.html').resolve().as_uri() if wsite else url
    dom = chromium(exe, wurl, tmp, '--dump-dom', '--virtual-time-budget=3000', '--window-size=1280,1600')
    png = shots/f'{page}.png'
    chromium(exe, url, tmp, f'--screenshot={png}', '--window-size=1280,1600')
    cut, scrolls = width_problems(dom) if wsite else ([], 0)
    if scrolls: chromium(exe, wurl + '#wc-wide', tmp, f'--screenshot={shots}/{page}-wide.png', '--window-size=1280,1600',
                         '--virtual-time-budget=3000')
    soup = BeautifulSoup(dom, 'html.parser')
    main = soup.find('article') or soup.body
    text = main.get_text('\n', strip=True) if main else ''
    probs = []
    if not png.is_file(): probs.append('no screenshot')
    elif blank(png): probs.append('the screenshot is blank')
    if len(text) < 80: probs.append(f'the page body is (nearly) empty: {text[:80]!r}')
    h1 = soup.find('h1')
    if not h1 or title.lower() not in h1.get_text(' ', strip=True).lower():
        probs.append(f'title {title!r} is not the page heading (h1: {h1.get_text(" ", strip=True) if h1 else None!r})')
    if not soup.title or title.lower() not in soup.title.get_text().lower(): probs.append(f'<title> lacks {title!r}')
    for pat, what in LEFTOVERS:
        if m := pat.search(text): probs.append(f'shows {what}: ...{text[max(0, m.start() - 40):m.end() + 40]!r}...')
    broken = set()
    for tag, attr in (('a', 'href'), ('img', 'src')):  # local links and images must exist
        for el in soup.find_all(tag):
            u = urlparse(el.get(attr) or '')
            if u.scheme or u.netloc or not u.path: continue
            if not (f.parent/unquote(u.path)).exists(): broken.add(f'{tag} {attr}={el.get(attr)!r}')
    return probs + [f'broken {b}' for b in sorted(broken)] + cut, scrolls

def check_search(exe, site, tmp, term='ResNet'):
    "The search page, run by the browser over the search index, must list some result pages."
    url = (site/'search.html').resolve().as_uri() + f'?q={term}'
    dom = chromium(exe, url, tmp, '--dump-dom', '--virtual-time-budget=8000')
    hits = BeautifulSoup(dom, 'html.parser').select('ul.search li a')
    return [a.get('href') for a in hits]

def check_lab(exe, shots, tmp, root):
    "Start JupyterLab headless with the project's kernel, see the notebooks and the kernel listed in Chromium, stop it."
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from lab import KERNEL, install_kernel, start_lab, stop_lab
    install_kernel()
    with open(Path(tmp)/'lab.log', 'w') as log:
        proc, url = start_lab(root/'nbs', log=log)
        try:
            doc = lambda u: BeautifulSoup(chromium(exe, u, tmp, '--dump-dom', '--virtual-time-budget=2000'), 'html.parser').get_text()
            listed = {c['name'] for c in json.loads(doc(f'{url}/api/contents'))['content']}
            kernels = set(json.loads(doc(f'{url}/api/kernelspecs'))['kernelspecs'])
            chromium(exe, f'{url}/lab', tmp, f'--screenshot={shots}/jupyterlab.png', '--window-size=1280,800',
                     '--virtual-time-budget=20000', timeout=180)
        finally: stop_lab(proc)
    want = {p.name for p in (root/'nbs').glob('*.ipynb')}
    probs = [f'JupyterLab does not list {", ".join(sorted(want - listed))}'] if want - listed else []
    if KERNEL not in kernels: probs.append(f"JupyterLab has no '{KERNEL}' kernel (it has {sorted(kernels)})")
    if not (shots/'jupyterlab.png').is_file() or blank(shots/'jupyterlab.png'): probs.append('the JupyterLab screenshot is missing or blank')
    print(f"  jupyterlab {url}: {len(want & listed)} of {len(want)} notebooks listed, kernels {sorted(kernels)}, "
          f"{'stopped' if proc.poll() is not None else 'STILL RUNNING'}")
    return probs

def dead_anchors(site, pages):
    "In-site links `page.html#anchor` whose anchor is not an id on that page (not an error: Quarto keeps them too)."
    soups = {f'{p}.html': BeautifulSoup((site/f'{p}.html').read_text(), 'html.parser') for p in pages if (site/f'{p}.html').exists()}
    ids = {n: {e.get('id') for e in s.find_all(id=True)} for n, s in soups.items()}
    dead = set()
    for n, s in soups.items():
        for a in s.find_all('a', href=True):
            page, sep, anchor = a['href'].partition('#')
            page = page or n
            if sep and anchor and page in ids and anchor not in ids[page]: dead.add(f'{page}#{anchor}')
    return sorted(dead)

@call_parse
def main(site: str = '_docs',  # the built site
         shots: str = '_proc/screenshots',  # where the screenshots go
         workers: int = 2,  # pages checked at once
         lab: bool = True):  # also check JupyterLab (`--no-lab` skips it)
    "Load every page of the built site in headless Chromium; screenshot it and check its DOM."
    t0 = time.time()
    root = Path(__file__).resolve().parent.parent
    site, shots = root/site, root/shots
    pages_file = site/'pages.json'
    if not pages_file.is_file(): sys.exit(f"check_docs: {pages_file} not found: build the site first (make docs)")
    pages = json.loads(pages_file.read_text())
    exe = find_chromium()
    if shots.exists(): shutil.rmtree(shots)
    shots.mkdir(parents=True)
    problems = {}
    with tempfile.TemporaryDirectory(prefix='check-docs-') as tmp:
        self_test_width(exe, tmp)
        wsite = with_width_check(site, tmp)
        with ThreadPoolExecutor(workers) as ex:
            futs = {p['page']: ex.submit(check_page, exe, site, p['page'], p['title'], shots, tmp, wsite) for p in pages}
            for page, fut in futs.items():
                try: probs, scrolls = fut.result()
                except Exception as e: probs, scrolls = [f'{type(e).__name__}: {e}'], 0
                if probs: problems[page] = probs
                print(f"  {page + '.html':28} {'ok' if not probs else 'FAILED'}"
                      f"{f' ({scrolls} wide tables/code blocks scroll inside the page)' if scrolls else ''}")
        hits = check_search(exe, site, tmp)
        if lab:
            try: lab_probs = check_lab(exe, shots, tmp, root)
            except Exception as e: lab_probs = [f'{type(e).__name__}: {e}']
            if lab_probs: problems['jupyterlab'] = lab_probs
    print(f"  search 'ResNet': {len(hits)} results ({', '.join(sorted({h.split('#')[0].split('?')[0] for h in hits})[:6])})")
    if not hits: problems['search'] = ['searching for ResNet found nothing']
    home = BeautifulSoup((site/'index.html').read_text(), 'html.parser')
    nav = {a.get('href', '').split('#')[0] for a in home.select('.sidebar-tree a')}
    missing = [p['page'] for p in pages[1:] if f"{p['page']}.html" not in nav]
    if missing: problems['sidebar'] = [f'the sidebar lacks {", ".join(missing)}']
    dead = dead_anchors(site, [p['page'] for p in pages])
    if dead: print(f"  note: {len(dead)} links to anchors no page has (nbdev links names that have no show_doc): "
                   f"{', '.join(dead[:5])}{' ...' if len(dead) > 5 else ''}")
    for page, probs in problems.items():
        for p in probs: print(f"check_docs: {page}: {p}", file=sys.stderr)
    print(f"check_docs: {len(pages)} pages, screenshots in {shots.relative_to(root)}/, {time.time() - t0:.0f} s")
    if problems: sys.exit(f"check_docs: FAILED ({len(problems)} with problems)")
    print("check_docs: all pages render")
