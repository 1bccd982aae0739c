#!/usr/bin/env bash
# Start-up A/B, interleaved (BENCHMARKS.md issue 19, "JVM start-up"): runs command A, then B, ROUNDS times, each until the
# first 200 from its ready URL, and prints per run and as medians: wall to ready, CPU to ready (all threads), the CPU of
# the main thread ("java") and of the JIT compiler threads (C1/C2) at ready; idle RSS after IDLE seconds. Interleaving
# keeps a shared machine's changing load out of the comparison.
#   ROUNDS=7 bench/startup-pairs.sh "LABEL_A|READY_URL_A|COMMAND A ..." "LABEL_B|READY_URL_B|COMMAND B ..." [more ...]
set -euo pipefail
rounds=${ROUNDS:-7}; idle=${IDLE:-1}
tck=$(getconf CLK_TCK)
declare -A wall cpu mainc jit rss
one() { # label url cmd...
  local label=$1 url=$2; shift 2
  local t0 pid w c m j r
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: exited before ready" >&2; exit 1; }
    sleep 0.005
  done
  w=$(( ($(date +%s%N) - t0) / 1000000 ))
  c=$(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  m=0; j=0
  for task in /proc/"$pid"/task/*; do
    n=$(cat "$task/comm" 2>/dev/null || true)
    v=$(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "$task/stat" 2>/dev/null || echo 0)
    case "$n" in java) m=$((m + v)) ;; C1\ Compiler*|C2\ Compiler*) j=$((j + v)) ;; esac
  done
  sleep "$idle"
  r=$(( $(ps -o rss= -p "$pid") / 1024 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  wall[$label]+="$w "; cpu[$label]+="$c "; mainc[$label]+="$m "; jit[$label]+="$j "; rss[$label]+="$r "
}
labels=()
for spec in "$@"; do labels+=("${spec%%|*}"); done
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$rounds"); do
  for spec in "$@"; do
    IFS='|' read -r label url cmd <<<"$spec"
    # shellcheck disable=SC2086
    one "$label" "$url" $cmd
  done
done
med() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {printf "%d", a[int((NR+1)/2)]}'; }
for l in "${labels[@]}"; do
  echo "$l: ready $(med "${wall[$l]}") ms, CPU $(med "${cpu[$l]}") ms (main thread $(med "${mainc[$l]}"), JIT $(med "${jit[$l]}")), RSS $(med "${rss[$l]}") MB;" \
    "runs: ${wall[$l]}ms / ${cpu[$l]}ms / main ${mainc[$l]}"
done
echo "rounds $rounds, load $load0 -> $(cut -d' ' -f1-3 /proc/loadavg)"
