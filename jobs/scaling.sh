#!/usr/bin/env bash
# Scaling experiments in one command: a strong sweep (fixed work, 1..N workers) and a weak sweep
# (fixed work per worker) over worker ranks and threads, REPEATS runs a point, every run a CSV
# row from the program's --summary-json; then medians, speedup, efficiency, Karp-Flatt serial
# fraction, and plots (PNG and SVG, gnuplot). Usage:
#   jobs/scaling.sh [--workers N] [--threads "1 2"] [--repeats R] [--out DIR]
#                   [--strong "ARGS"] [--weak-per-worker K] [--no-weak] [--launcher mpirun|srun]
# Defaults: N = cores, threads "1", 5 repeats, out results/scaling-DATE, the strong workload is
# the reference's 20-number sample (its Figure 19-2), the weak one K = 20 copies per compute
# thread of the prime 999999999999989 (about 6 ms of trial division each: uniform work).
set -euo pipefail
cd "$(dirname "$0")/.."
. jobs/mpi_env.sh

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "jobs/scaling.sh: $*" >&2; exit 2; }
# count NAME VALUE: VALUE must be a whole number from 1 to 100000 (never evaluated as shell code).
count() {
  [[ $2 =~ ^[0-9]+$ ]] && [ "${#2}" -le 6 ] && [ "$2" -ge 1 ] && [ "$2" -le 100000 ] ||
    die "$1 '$2': expected a whole number from 1 to 100000"
}
workers=$(nproc) threads="1" repeats=5 out="" strong="" weak_k=20 weak=1 launcher=mpirun
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --no-weak) weak=0; shift; continue ;;
    --workers | --threads | --repeats | --out | --strong | --weak-per-worker | --launcher)
      [ $# -ge 2 ] || die "$1 needs a value" ;;
    *) die "unknown argument '$1' (--help lists the options)" ;;
  esac
  case $1 in
    --workers) count "$1" "$2"; workers=$2 ;;
    --threads) for t in $2; do count "$1" "$t"; done; threads=$2 ;;
    --repeats) count "$1" "$2"; repeats=$2 ;;
    --out) out=$2 ;;
    --strong) strong=$2 ;;
    --weak-per-worker) count "$1" "$2"; weak_k=$2 ;;
    --launcher) [[ $2 =~ ^(mpirun|srun)$ ]] || die "--launcher '$2': expected mpirun or srun"; launcher=$2 ;;
  esac
  shift 2
done
read -r -a strong_args <<<"$strong"  # the workload's options, as separate words
out=${out:-results/scaling-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
[ -x build/primepool ] || { jobs/deps.sh; jobs/build.sh; }
command -v gnuplot >/dev/null && command -v python3 >/dev/null || jobs/deps.sh scaling

csv=$out/runs.csv
echo "kind,workers,threads,repeat,wall,rank0_cpu,checked,primes,busy_per_worker,workload" >"$csv"

# run KIND WORKERS THREADS REPEAT WORKLOAD...: one run, one CSV row.
run() {
  local kind=$1 w=$2 t=$3 r=$4; shift 4
  local json=$out/last.json
  local launch
  if [ "$launcher" = srun ]; then
    launch=(srun --mpi=pmix -n $((w + 1)) --cpus-per-task="$t" --overcommit)
  else
    launch=(mpirun -n $((w + 1)) --oversubscribe --bind-to none)
  fi
  "${launch[@]}" build/primepool -t "$t" --quiet --progress never --summary-json "$json" "$@" >/dev/null
  python3 - "$json" "$kind" "$w" "$t" "$r" "$*" >>"$csv" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
busy = ";".join(f"{p['busy']:.6f}" for p in d["per_worker"])
kind, w, t, r, workload = sys.argv[2:7]
workload = workload if len(workload) < 60 else workload[:57] + "..."
print(f"{kind},{w},{t},{r},{d['wall']:.6f},{d['rank0_cpu']:.6f},{d['checked']},{d['primes']},{busy},\"{workload}\"")
PY
}

read -r -a thread_list <<<"$threads"
points=$((${#thread_list[@]} * workers))
runs=$((points * repeats * (1 + weak)))
echo "scaling: $runs runs: workers 1..$workers x threads {$threads} x $repeats repeats," \
     "strong: ${strong:-the sample}$([ $weak = 1 ] && echo ", weak: $weak_k x 999999999999989 per thread") -> $out"
echo "scaling: the time left is estimated after each point from the last point's strong and weak runs"
echo "         (a weak run grows with workers x threads once they outnumber the $(nproc) cores)"
cores=$(nproc) start=$EPOCHREALTIME done_points=0 s_time=0 w_time=0 last_wt=1
# estimate_left: seconds the points after (w, t) should take, from the last point's strong time
# (flat: the strong work does not shrink past the cores) and its weak time scaled by the share
# of the cores each weak run's threads get.
estimate_left() {
  local tt ww left=0 started=0
  for tt in "${thread_list[@]}"; do
    for ((ww = 1; ww <= workers; ww++)); do
      if [ $started = 1 ]; then
        left=$(awk -v l="$left" -v s="$s_time" -v wk="$w_time" -v n=$((ww * tt)) -v m="$last_wt" \
               -v c="$cores" -v r="$repeats" 'BEGIN { f = (n > c ? n / c : 1) / (m > c ? m / c : 1);
                                                      print l + r * s + wk * f }')
      fi
      [ "$tt" = "$t" ] && [ "$ww" = "$w" ] && started=1
    done
  done
  printf '%.0f' "$left"
}
for t in "${thread_list[@]}"; do
  for ((w = 1; w <= workers; w++)); do
    strong_s=0 weak_s=0
    for ((r = 1; r <= repeats; r++)); do
      t0=$EPOCHREALTIME
      run strong "$w" "$t" "$r" ${strong_args[@]+"${strong_args[@]}"}
      t1=$EPOCHREALTIME
      strong_s=$(awk -v a="$strong_s" -v x="$t0" -v y="$t1" 'BEGIN { print a + y - x }')
      if [ $weak = 1 ]; then
        run weak "$w" "$t" "$r" --numbers "$(yes 999999999999989 | head -n $((weak_k * w * t)) | paste -sd,)"
        weak_s=$(awk -v a="$weak_s" -v x="$t1" -v y="$EPOCHREALTIME" 'BEGIN { print a + y - x }')
      fi
    done
    done_points=$((done_points + 1))
    s_time=$(awk -v a="$strong_s" -v r="$repeats" 'BEGIN { print a / r }')
    w_time=$weak_s last_wt=$((w * t))
    spent=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
    echo "  [$done_points/$points] threads $t, workers $w: done; ${spent}s so far, about" \
         "$(estimate_left)s left"
  done
done
rm -f "$out/last.json"
python3 jobs/scaling_report.py "$out"
