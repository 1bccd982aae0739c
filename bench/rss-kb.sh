#!/usr/bin/env bash
# Idle RSS in KB (not whole MB): median RssFile/RssAnon after ready + 2 s, and the thread count (BENCHMARKS.md issue 19,
# "Native, seventh round"):  bench/rss-kb.sh LABEL RUNS READY_URL COMMAND [ARGS...]
label=$1; runs=$2; url=$3; shift 3
fs=(); as=(); ts=()
for i in $(seq $runs); do
  "$@" >/dev/null 2>&1 & pid=$!
  until curl -sf -o /dev/null "$url"; do sleep 0.005; done
  sleep 2
  fs+=($(awk '/^RssFile:/{print $2}' /proc/$pid/status)); as+=($(awk '/^RssAnon:/{print $2}' /proc/$pid/status)); ts+=($(awk '/^Threads:/{print $2}' /proc/$pid/status))
  kill $pid; wait $pid 2>/dev/null
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
f=$(med "${fs[@]}"); a=$(med "${as[@]}")
echo "$label: file $f KB, anon $a KB, total $((f+a)) KB ($(( (f+a)/1024 )).$(( ((f+a)%1024)*10/1024 )) MB), threads $(med "${ts[@]}"); files ${fs[*]} anon ${as[*]}"
