#!/usr/bin/env bash
# The decision log's cost: HTTP authorize throughput with iamgate.decision-log.mode=all (every decision
# written as a JSON line to stdout, redirected to a file) against mode=off, with wrk at 32 connections on
# the demo bundle, alternating targets round by round so machine noise hits both alike; each with the
# decision cache off and on. Prints lines written and dropped (queue full) from /q/metrics.
#
#   bench/decision-log-bench.sh [ROUNDS] [SECONDS]        (default 3 rounds of 8 s per target)
#
# Self-contained: installs wrk from Debian if missing, builds the jar if missing; all on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECS=${2:-8}
. bench/_common.sh
scratch

start() { # port mode cache
  "$JAVA" -Xmx512m -Dquarkus.http.port="$1" -Dquarkus.management.port=$(( $1 + 1000 )) -Diamgate.decision-log.mode="$2" \
    -Diamgate.cache.enabled="$3" -Dquarkus.log.level=WARN -jar target/quarkus-app/quarkus-run.jar > "$work/out-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "127.0.0.1:$(( $1 + 1000 ))/q/health/ready" >/dev/null && return 0; sleep 0.1; done
  echo "iamgate on $1 did not become ready"; cat "$work/out-$1.log"; exit 1
}
start 8281 off false
start 8282 all false
start 8283 off true
start 8284 all true

demo_bodies "$work"

run() { # name port
  local out rps p99 bad
  out=$(ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json ALLOW_MARK='"ALLOW"' wrk -t2 -c32 -d"${SECS}s" --latency -s "$LUA" \
    "http://127.0.0.1:$2/v1/authorize" 2>&1)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | grep -o 'p99=[0-9.]*ms' | head -1 | cut -d= -f2)
  bad=$(echo "$out" | grep -o 'non2xx=[0-9]*' | cut -d= -f2)
  printf "%-22s %10s req/s   p99 %8s   non-2xx %s\n" "$1" "$rps" "$p99" "$bad"
  echo "$1 $rps" >> "$work/results"
}
for p in 8281 8282 8283 8284; do # warm-up (JIT), not recorded
  ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json wrk -t2 -c32 -d4s -s "$LUA" "http://127.0.0.1:$p/v1/authorize" >/dev/null 2>&1
done
echo "wrk -t2 -c32 -d${SECS}s, $ROUNDS rounds, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), java: $("$JAVA" -version 2>&1 | head -1)"
for r in $(seq 1 "$ROUNDS"); do
  echo "-- round $r"
  run "log off, no cache" 8281
  run "log all, no cache" 8282
  run "log off, cache" 8283
  run "log all, cache" 8284
done
echo "-- medians"
for name in "log off, no cache" "log all, no cache" "log off, cache" "log all, cache"; do
  grep "^$name " "$work/results" | awk '{print $NF}' | sort -n | awk -v n="$name" '{a[NR]=$1} END {printf "%-22s %10.0f req/s\n", n, a[int((NR+1)/2)]}'
done | tee "$work/medians"
awk '/off, no cache/ {a=$(NF-1)} /all, no cache/ {b=$(NF-1)} /off, cache/ {c=$(NF-1)} /all, cache/ {d=$(NF-1)}
     END {printf "mode=all / mode=off: %.0f%% (no cache), %.0f%% (cache)\n", 100*b/a, 100*d/c}' "$work/medians"
for p in 8282 8284; do
  curl -s "127.0.0.1:$(( p + 1000 ))/q/metrics" | grep '^iamgate_decision_log_records_total' | sed "s/^/port $p: /"
  echo "port $p: $(grep -c '"decisionId"' "$work/out-$p.log") lines in its stdout"
done
