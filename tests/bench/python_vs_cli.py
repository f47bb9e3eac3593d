#!/usr/bin/env python3
"""positions and rope_tables through the Python module against `ropelab-cli bench`, in one run on
one machine, on the 131k-token scene (text 64, video 512x16x16, text 64, D = 128, base 1e6).

Both sides time the same way: one warm-up, then RUNS runs, median and minimum. The C++ side is
bench's `positions` (the variant's ids) and `rope_tables` (ids plus float32 cos/sin); the Python
side is ropelab.positions(...) (parse the options, encode, hand the arrays over) and
ropelab.rope_tables(...) (the same plus the tables). Rounds interleave the two so both see the
same machine load, and each side keeps its best median.

usage: PYTHONPATH=build/python python3 tests/bench/python_vs_cli.py [build-dir] [rounds] [runs]
"""
import json
import statistics
import subprocess
import sys
import time

import ropelab

build = sys.argv[1] if len(sys.argv) > 1 else "build"
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 11
SCENE = "text:64,video:512x16x16,text:64"
OPTIONS = {"variant": "videorope", "scene": SCENE, "head_dim": 128, "base": 1e6}


def time_python(fn):
    fn()
    ms = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        ms.append((time.perf_counter() - start) * 1e3)
        del result
    return statistics.median(ms), min(ms)


def time_cli():
    out = subprocess.run([f"{build}/app/cli/ropelab-cli", "bench", "--variant", "videorope", "--scene", SCENE,
                          "--head-dim", "128", "--base", "1e6", "--runs", str(runs)],
                         check=True, capture_output=True, text=True).stdout
    return {r["name"]: (r["median_ms"], r["min_ms"]) for r in json.loads(out)["results"]}


best = {}
for _ in range(rounds):
    cli = time_cli()
    py = {"positions": time_python(lambda: ropelab.positions(**OPTIONS)),
          "rope_tables": time_python(lambda: ropelab.rope_tables(**OPTIONS))}
    for name in ("positions", "rope_tables"):
        for side, value in (("cli", cli[name]), ("python", py[name])):
            key = (name, side)
            best[key] = min(best.get(key, value), value)
tokens = ropelab.positions(**OPTIONS)["tokens"]
report = {"tokens": tokens, "rounds": rounds, "runs": runs, "results": []}
for name in ("positions", "rope_tables"):
    c, p = best[(name, "cli")], best[(name, "python")]
    report["results"].append({"name": name, "cli_median_ms": round(c[0], 3), "python_median_ms": round(p[0], 3),
                              "cli_min_ms": round(c[1], 3), "python_min_ms": round(p[1], 3),
                              "python_over_cli": round(p[0] / c[0], 3)})
print(json.dumps(report, indent=2))
