#!/usr/bin/env python
"""Check the built site in a real browser: headless Chromium loads the home page and every notebook's page from disk,
takes a screenshot of each and dumps its DOM. Fails if a page is missing or blank, lacks its title, shows a Quarto
leftover (`{target=...}`, a `:::` div) or a raw directive, links to a page or image that is not there, or if the search
page finds nothing. Run after `tools/build_docs.py` (`make docs-test`)."""
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

def blank(png: Path) -> bool:
    "True if the screenshot is (nearly) one colour."
    im = Image.open(png).convert('L')
    return max(ImageStat.Stat(im).stddev) < 2.0

def check_page(exe, site, page, title, shots, tmp):
    "Problems found on one page (an empty list if none)."
    f = site/f'{page}.html'
    if not f.is_file(): return [f'{page}.html is missing']
    url = f.resolve().as_uri()
    dom = chromium(exe, url, tmp, '--dump-dom', '--virtual-time-budget=2000')
    png = shots/f'{page}.png'
    chromium(exe, url, tmp, f'--screenshot={png}', '--window-size=1280,1600')
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
    return probs + [f'broken {b}' for b in sorted(broken)]

def check_search(exe, site, tmp, term='ResNet'):
    "The search page, run by the browser over the search index, must list some result pages."
    url = (site/'search.html').resolve().as_uri() + f'?q={term}'
    dom = chromium(exe, url, tmp, '--dump-dom', '--virtual-time-budget=8000')
    hits = BeautifulSoup(dom, 'html.parser').select('ul.search li a')
    return [a.get('href') for a in hits]

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
         workers: int = 2):  # pages checked at once
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
        with ThreadPoolExecutor(workers) as ex:
            futs = {p['page']: ex.submit(check_page, exe, site, p['page'], p['title'], shots, tmp) for p in pages}
            for page, fut in futs.items():
                try: probs = fut.result()
                except Exception as e: probs = [f'{type(e).__name__}: {e}']
                if probs: problems[page] = probs
                print(f"  {page + '.html':28} {'ok' if not probs else 'FAILED'}")
        hits = check_search(exe, site, tmp)
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
