#!/usr/bin/env python3
"""python3 prime.py N: alternating fresh JVMs, 'unprimed' and 'primed'; medians of the first call and its duplicate (ms)."""
import subprocess, sys, statistics
n = int(sys.argv[1]); cp = "classes:" + open("cp.txt").read().strip()
res = {"unprimed": ([], []), "primed": ([], [])}
for i in range(n):
    for m in res:
        out = subprocess.run(["java", "-XX:TieredStopAtLevel=1", "-cp", cp, "ColdCall", m, "http://127.0.0.1:48123"], capture_output=True, text=True, check=True).stdout.split()
        res[m][0].append(float(out[2])); res[m][1].append(float(out[4]))
for m, (f, d) in res.items():
    print(f"{m:9s} first call median {statistics.median(f):7.1f} ms (min {min(f):6.1f}, max {max(f):6.1f})  duplicate median {statistics.median(d):6.1f} ms  (n={n})")
