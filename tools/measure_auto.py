#!/usr/bin/env python
"""`deploy(runtime='auto')` over the zoo, judged by each runtime timed on its own.

For each model, batch size and dtype: `cspnet_nb.deploy(model, 'auto', dtype, batch_size=b)` times the installed runtimes
against each other in this process (alternating blocks, spinning off) and keeps the fastest; then every candidate runtime is
built again and timed alone, in a fresh process of its own (`runtimes.time_alone`: no other runtime's threads around).
`pick_vs_best` is the time alone of the runtime auto picked over the fastest time alone (1.0: auto picked the fastest; the
issue's target is <= 1.05). Writes one CSV row per (model, dtype, batch) as it goes, so an interrupted run keeps its rows.

With `--forms`, instead: for each CSP model, ONNX Runtime (float32) and OpenVINO (bfloat16), every form of
`runtimes.FORMS` (the plain export; the deploy form: BatchNorm folded, the split as two 1x1 convs, the concatenation folded
into the transition; the select form: the deploy form with every split left as 1x1 selection convs) built from graphs
exported once, timed against each other in one process (alternating blocks, spinning off): `deploy_vs_plain` and
`select_vs_plain` per batch size, the evidence for `runtimes.DEFAULT_FORM`.

usage: python tools/measure_auto.py OUT.csv [--models a,b,...] [--dtypes bfloat16,float32] [--batches 1,8] [--runs 10] [--forms [--rounds 5]]
"""
from __future__ import annotations
import argparse, csv, platform, statistics, time
from functools import partial
from pathlib import Path
import torch
import cspnet_nb
from cspnet_nb import create_model
from cspnet_nb.runtimes import RUNTIME_DTYPES, available_runtimes, build_runtime, time_alone, time_calls, to_onnx, FORMS
from cspnet_nb.timing import cpu_name

MODELS = ('resnet50', 'cspresnet50', 'resnext50_32x4d', 'cspresnext50', 'darknet53', 'cspdarknet53', 'densenet121',
          'cspdensenet121', 'peleenet', 'csppeleenet')

def measure(name, dtype, batch, runs, size=224):
    model = create_model(name).eval()
    x = torch.randn(batch, 3, size, size, generator=torch.Generator().manual_seed(0))
    t0 = time.perf_counter()
    auto = cspnet_nb.deploy(model, 'auto', dtype, batch_size=batch)
    auto_s = time.perf_counter() - t0
    cands = [r for r in available_runtimes() if dtype in RUNTIME_DTYPES[r]]
    alone = {r: 1e3 * statistics.median(time_alone(partial(build_runtime, model, r, dtype, (batch, 3, size, size), check=False,
                                                           spin=False), x, runs=runs)) for r in cands}
    best = min(alone, key=alone.get)
    row = dict(model=name, dtype=dtype, batch=batch, auto_choice=auto.choice, auto_table_ms=round(float(auto.table.ms.min()), 2),
               **{f'{r}_alone_ms': round(v, 2) for r, v in alone.items()}, fastest_alone=best,
               pick_vs_best=round(alone[auto.runtime] / alone[best], 3), auto_build_s=round(auto_s, 1))
    return row

CSP_MODELS = tuple(m for m in MODELS if m.startswith('csp'))

def measure_forms(name, batches, rounds=5, size=224):
    model = create_model(name).eval()
    graphs = {f: to_onnx(model, (1, 3, size, size), f) for f in FORMS}  # batch-dynamic: one export per form
    rows = []
    for runtime, dtype in (('onnxruntime', 'float32'), ('openvino', 'bfloat16')):
        for b in batches:
            x = torch.randn(b, 3, size, size, generator=torch.Generator().manual_seed(0))
            rms = {f: build_runtime(model, runtime, dtype, (b, 3, size, size), form=f, onnx=graphs[f], check=False, spin=False) for f in FORMS}
            t = {f: 1e3 * statistics.median(v) for f, v in time_calls(rms, x, rounds=rounds, block=3).items()}
            rows.append(dict(model=name, runtime=runtime, dtype=dtype, batch=b, **{f'{f}_ms': round(t[f], 2) for f in FORMS},
                             **{f'{f}_vs_plain': round(t[f] / t['plain'], 3) for f in FORMS if f != 'plain'}))
            print(rows[-1], flush=True)
    return rows

def write(out, rows):
    fields = list(dict.fromkeys(k for r in rows for k in r))
    with open(out, 'w', newline='') as f:
        w = csv.DictWriter(f, fields); w.writeheader(); w.writerows(rows)

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('out'); p.add_argument('--models', default=','.join(MODELS)); p.add_argument('--dtypes', default='bfloat16,float32')
    p.add_argument('--batches', default='1,8'); p.add_argument('--runs', type=int, default=10)
    p.add_argument('--forms', action='store_true'); p.add_argument('--rounds', type=int, default=5)
    a = p.parse_args()
    out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
    print(f"{cpu_name()}, {platform.machine()}, {torch.get_num_threads()} threads, torch {torch.__version__}", flush=True)
    rows, batches = [], [int(b) for b in a.batches.split(',')]
    if a.forms:
        models = CSP_MODELS if a.models == ','.join(MODELS) else a.models.split(',')
        for name in models: rows += measure_forms(name, batches, a.rounds); write(out, rows)
        return
    for dtype in a.dtypes.split(','):
        for batch in batches:
            for name in a.models.split(','):
                row = measure(name, dtype, batch, a.runs)
                rows.append(row); print(row, flush=True); write(out, rows)

if __name__ == '__main__': main()
