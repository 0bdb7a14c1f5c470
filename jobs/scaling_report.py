#!/usr/bin/env python3
"""Scaling analysis for jobs/scaling.sh: reads DIR/runs.csv, writes DIR/points.csv (per point:
median wall with min and max, speedup, efficiency, Karp-Flatt serial fraction), DIR/report.txt,
and plots DIR/{wall,speedup,efficiency}.{png,svg} with gnuplot. Usage: scaling_report.py DIR"""
import csv
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

out = Path(sys.argv[1])
runs = list(csv.DictReader(open(out / "runs.csv")))
walls = defaultdict(list)
for row in runs:
    walls[(row["kind"], int(row["threads"]), int(row["workers"]))].append(float(row["wall"]))

points = []
baseline = {}
for kind in ("strong", "weak"):
    keys = sorted(k for k in walls if k[0] == kind)
    if not keys:
        continue
    # The baseline: one worker rank with one thread (else the smallest point measured).
    base_key = (kind, 1, 1) if (kind, 1, 1) in walls else keys[0]
    t1 = statistics.median(walls[base_key])
    baseline[kind] = (base_key, t1)
    for key in keys:
        _, threads, workers = key
        w = walls[key]
        med = statistics.median(w)
        p = workers * threads  # compute threads in the pool
        if kind == "strong":
            speedup = t1 / med
        else:  # weak: work grows with p; scaled speedup
            speedup = p * t1 / med
        eff = speedup / p
        kf = (1 / speedup - 1 / p) / (1 - 1 / p) if p > 1 else float("nan")
        points.append(dict(kind=kind, workers=workers, threads=threads, p=p, runs=len(w),
                           median=med, min=min(w), max=max(w), speedup=speedup,
                           efficiency=eff, karp_flatt=kf))

with open(out / "points.csv", "w", newline="") as f:
    cols = ["kind", "workers", "threads", "p", "runs", "median", "min", "max", "speedup",
            "efficiency", "karp_flatt"]
    wr = csv.DictWriter(f, fieldnames=cols)
    wr.writeheader()
    for pt in points:
        wr.writerow({c: (f"{pt[c]:.6f}" if isinstance(pt[c], float) else pt[c]) for c in cols})

lines = []
for kind, (key, t1) in baseline.items():
    lines.append(f"{kind} scaling: baseline = median wall of {key[2]} worker rank(s) x {key[1]} "
                 f"thread(s) = {t1:.3f}s; speedup = "
                 + ("T1 / Tp" if kind == "strong" else "p * T1 / Tp (scaled, work grows with p)")
                 + "; efficiency = speedup / p; Karp-Flatt e = (1/S - 1/p) / (1 - 1/p)")
    lines.append(f"  {'workers':>7} {'threads':>7} {'p':>3} {'median':>9} {'min':>9} {'max':>9}"
                 f" {'speedup':>8} {'effic.':>7} {'K-F e':>7}")
    for pt in (p for p in points if p["kind"] == kind):
        lines.append(f"  {pt['workers']:>7} {pt['threads']:>7} {pt['p']:>3} {pt['median']:>9.3f}"
                     f" {pt['min']:>9.3f} {pt['max']:>9.3f} {pt['speedup']:>8.3f}"
                     f" {pt['efficiency']:>7.3f} {pt['karp_flatt']:>7.3f}")
report = "\n".join(lines) + "\n"
(out / "report.txt").write_text(report)
print(report, end="")

# Plots: one data block a (kind, threads) series.
series = sorted({(p["kind"], p["threads"]) for p in points})
data = out / "points.dat"
with open(data, "w") as f:
    for kind, threads in series:
        f.write(f"# {kind} threads={threads}\n")
        for pt in (p for p in points if p["kind"] == kind and p["threads"] == threads):
            f.write(f"{pt['workers']} {pt['p']} {pt['median']} {pt['min']} {pt['max']} "
                    f"{pt['speedup']} {pt['efficiency']}\n")
        f.write("\n\n")
strong = [i for i, s in enumerate(series) if s[0] == "strong"]
maxp = max(p["p"] for p in points)


def plot_lines(cols, with_, title_fmt, kinds):
    parts = []
    for i, (kind, threads) in enumerate(series):
        if kind in kinds:
            parts.append(f"'{data}' index {i} using {cols} with {with_} lw 2 "
                         f"title '{title_fmt.format(kind=kind, threads=threads)}'")
    return ", ".join(parts)


script = []
for term, ext in (("pngcairo size 900,600 font ',11'", "png"), ("svg size 900,600", "svg")):
    script.append(f"set terminal {term}")
    script.append("set grid; set key top right; set xtics 1")
    script.append(f"set output '{out}/wall.{ext}'")
    script.append("set title 'Median run time with min-max range (strong scaling: fixed work)'")
    script.append("set xlabel 'worker ranks'; set ylabel 'seconds'; set yrange [0:*]; set xrange [0.5:*]")
    script.append("plot " + plot_lines("1:3:4:5", "yerrorlines", "{threads} thread(s) per worker",
                                       ["strong"]))
    script.append(f"set output '{out}/speedup.{ext}'")
    script.append("set title 'Speedup (strong: T1/Tp; weak: scaled p*T1/Tp)'")
    script.append(f"set xlabel 'compute threads p = workers x threads'; set ylabel 'speedup'; "
                  f"set xrange [0:{maxp + 1}]; set yrange [0:{maxp + 1}]")
    script.append("plot x with lines dt 2 lc 'gray' title 'ideal', "
                  + plot_lines("2:6", "linespoints", "{kind}, {threads} thread(s)", ["strong", "weak"]))
    script.append(f"set output '{out}/efficiency.{ext}'")
    script.append("set title 'Parallel efficiency (speedup / p)'")
    script.append("set ylabel 'efficiency'; set yrange [0:1.2]")
    script.append("plot 1 with lines dt 2 lc 'gray' title 'ideal', "
                  + plot_lines("2:7", "linespoints", "{kind}, {threads} thread(s)", ["strong", "weak"]))
(out / "plots.gp").write_text("\n".join(script) + "\n")
subprocess.run(["gnuplot", str(out / "plots.gp")], check=True)
print(f"plots: {out}/wall.png speedup.png efficiency.png (and .svg); rows: {out}/runs.csv; "
      f"points: {out}/points.csv")
