#!/usr/bin/env python
"""Jupyter on the project's virtual env: the `cspnet_nb` kernel and JupyterLab.

`python tools/lab.py` (`make lab`) installs the kernel spec into the venv (`ipykernel install --sys-prefix --name cspnet_nb`)
and starts JupyterLab on `nbs/`. The spec runs the kernel on the Python that starts Jupyter (`argv[0] = "python"`, which
Jupyter replaces by its own interpreter), so it stays right however the venv is reached. `tools/test_kernel.py` and
`tools/check_docs.py` use `install_kernel`, `start_lab` and `stop_lab` from here.
"""
from __future__ import annotations
import json, os, socket, subprocess, sys, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNEL = 'cspnet_nb'

def kernel_dir() -> Path:
    "Where the venv keeps the project's kernel spec."
    return Path(sys.prefix)/'share'/'jupyter'/'kernels'/KERNEL

def install_kernel(quiet=True) -> Path:
    "Install (or refresh) the `cspnet_nb` kernel spec in this venv; returns its folder."
    r = subprocess.run([sys.executable, '-m', 'ipykernel', 'install', '--sys-prefix', '--name', KERNEL, '--display-name', KERNEL],
                       capture_output=True, text=True)
    if r.returncode: sys.exit(f"lab: installing the kernel spec failed:\n{r.stderr}")
    spec_file = kernel_dir()/'kernel.json'
    spec = json.loads(spec_file.read_text())
    spec['argv'][0] = 'python'  # Jupyter runs it on its own interpreter: the venv's
    spec_file.write_text(json.dumps(spec, indent=1))
    if not quiet: print(f"lab: kernel '{KERNEL}' installed in {kernel_dir().relative_to(sys.prefix)} of the venv")
    return kernel_dir()

def free_port() -> int:
    "A TCP port on 127.0.0.1 that nothing listens on now."
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def lab_args(port, root_dir, headless=True):
    args = [sys.executable, '-m', 'jupyterlab', f'--ServerApp.port={port}', '--ServerApp.port_retries=0',
            f'--ServerApp.root_dir={root_dir}']
    if hasattr(os, 'geteuid') and os.geteuid() == 0: args.append('--ServerApp.allow_root=True')  # containers, CI
    if headless: args += ['--no-browser', '--ServerApp.ip=127.0.0.1', '--IdentityProvider.token=', '--ServerApp.password=',
                          '--ServerApp.disable_check_xsrf=True', '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
                          '--LabApp.extension_manager=readonly']  # offline: no PyPI look-ups
    return args

def get_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r: return json.loads(r.read())

def start_lab(root_dir=ROOT/'nbs', port=None, timeout=120, log=None):
    "Start JupyterLab headless on a free local port (no token, no browser); returns `(process, base_url)` once it answers."
    port = port or free_port()
    proc = subprocess.Popen(lab_args(port, root_dir), stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                            start_new_session=True, env={**os.environ, 'JUPYTER_NO_CONFIG': '1'})
    url, t0 = f'http://127.0.0.1:{port}', time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None: raise RuntimeError(f"JupyterLab exited with {proc.returncode} before it answered")
        try:
            get_json(f'{url}/api/status', 2); return proc, url
        except OSError: time.sleep(0.5)
    stop_lab(proc)
    raise RuntimeError(f"JupyterLab did not answer on {url} within {timeout} s")

def stop_lab(proc, timeout=20):
    "Stop the server started by `start_lab` (SIGTERM to its process group, SIGKILL if it lingers)."
    import signal
    if proc.poll() is not None: return
    os.killpg(proc.pid, signal.SIGTERM)
    try: proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL); proc.wait()

def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    install_kernel(quiet=False)
    if '--kernel-only' in argv: return
    port = next((a.split('=', 1)[1] for a in argv if a.startswith('--port=')), '8888')
    print(f"lab: JupyterLab on nbs/ with the '{KERNEL}' kernel (Ctrl-C stops it)")
    os.execv(sys.executable, lab_args(port, ROOT/"nbs", headless=False))

if __name__ == '__main__': main()
