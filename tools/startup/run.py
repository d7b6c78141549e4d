#!/usr/bin/env python3
"""Alternating cold runs, each a fresh JVM: python3 run.py N label=jar:mode[:keyPath] ...
env EXTRA = extra JVM flags. Prints medians of wall (process start to exit) and CPU (user+sys), ms."""
import os, subprocess, sys, time, statistics, shlex
n = int(sys.argv[1]); specs = sys.argv[2:]
extra = shlex.split(os.environ.get("EXTRA", ""))
res = {}
for i in range(n):
    for spec in specs:
        label, rest = spec.split("=", 1)
        jar, *args = rest.split(":")
        t = time.monotonic()
        p = subprocess.Popen(["java", *extra, "-cp", "classes:" + jar, "ColdCall", args[0], "http://127.0.0.1:48123", *args[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = (time.monotonic() - t) * 1000
        assert status == 0, spec
        res.setdefault(label, ([], []))
        res[label][0].append(wall); res[label][1].append((ru.ru_utime + ru.ru_stime) * 1000)
base = specs[0].split("=")[0]
for label, (w, c) in res.items():
    print(f"{label:14s} wall median {statistics.median(w):6.0f} ms  cpu median {statistics.median(c):6.0f} ms  ratio to {base}: wall {statistics.median(w)/statistics.median(res[base][0]):.3f} cpu {statistics.median(c)/statistics.median(res[base][1]):.3f}  (n={n})")
