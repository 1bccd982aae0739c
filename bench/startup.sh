#!/usr/bin/env bash
# Start-up and idle memory of one command, median of N runs (BENCHMARKS.md "Start-up and memory of the sidecar"):
# launch to the first 200 from READY_URL, then RSS after IDLE seconds of idleness (default 2).
#   RUNS=5 IDLE=2 bench/startup.sh LABEL READY_URL COMMAND [ARGS...]
# e.g. bench/startup.sh native-demo http://127.0.0.1:9199/q/health/ready target/iamgate-0.1.0-SNAPSHOT-runner \
#        -Dquarkus.http.port=8199 -Dquarkus.management.port=9199
# Prints one line: LABEL ready median (min-max) ms, CPU time to ready (user+system, all threads; what start-up
# costs when the machine is busy and wall time is not comparable), idle RSS median (min-max) MB with its file-backed
# part (the executable's or the JVM's mapped pages, /proc/PID/status RssFile) and anonymous part (heap, stacks: RssAnon),
# every run, and the load average of the machine before the first and after the last run.
set -euo pipefail
label=$1; url=$2; shift 2
runs=${RUNS:-5}; idle=${IDLE:-2}
readies=(); cpus=(); rsss=(); files=(); anons=()
load0=$(cut -d' ' -f1-3 /proc/loadavg)
tck=$(getconf CLK_TCK)
for i in $(seq "$runs"); do
  t0=$(date +%s%N)
  "$@" > /dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: exited before ready" >&2; exit 1; }
    sleep 0.005
  done
  readies+=($(( ($(date +%s%N) - t0) / 1000000 )))
  cpus+=($(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat"))
  sleep "$idle"
  rsss+=($(( $(ps -o rss= -p "$pid") / 1024 )))
  files+=($(awk '/^RssFile:/ {print int($2 / 1024)}' "/proc/$pid/status"))
  anons+=($(awk '/^RssAnon:/ {print int($2 / 1024)}' "/proc/$pid/status"))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d (%d-%d)", a[int((NR+1)/2)], a[1], a[NR]}'; }
echo "$label: ready $(med "${readies[@]}") ms, CPU $(med "${cpus[@]}") ms, idle RSS $(med "${rsss[@]}") MB" \
  "(file $(med "${files[@]}"), anon $(med "${anons[@]}")); runs: ${readies[*]} ms / ${cpus[*]} ms / ${rsss[*]} MB;" \
  "load $load0 -> $(cut -d' ' -f1-3 /proc/loadavg)"
