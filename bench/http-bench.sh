#!/usr/bin/env bash
# HTTP throughput of iamgate vs the Cerbos peer vs a bare endpoint on the same Quarkus stack, with wrk
# at 32 connections, alternating targets round by round so machine noise hits all of them alike.
#
#   bench/http-bench.sh [ROUNDS] [SECONDS]        (default 3 rounds of 10 s per target)
#
# Self-contained: the Cerbos peer installs itself from npm (bench/peers/cerbos, needs npm), the wrk script is
# bench/peers/wrk; installs wrk from Debian if missing; builds
# the jar if missing. Everything listens on 127.0.0.1 and is stopped at the end. iamgate runs with the shipped JVM options
# (SIDECAR_OPTS=-Xmx512m: as before the eighth round; bench/_common.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECS=${2:-10}
. bench/_common.sh
[ -f "$LUA" ] || { echo "needs $SHARED/peers (wrk, cerbos)"; exit 2; }
scratch

start_iamgate() { # port cache-enabled
  "$JAVA" $SIDECAR_OPTS -Dquarkus.http.port="$1" -Dquarkus.management.port=$(( $1 + 1000 )) -Diamgate.cache.enabled="$2" -Diamgate.bench.noop-endpoint=true \
    -Dquarkus.log.level=WARN -jar target/quarkus-app/quarkus-run.jar > "$work/iamgate-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "127.0.0.1:$(( $1 + 1000 ))/q/health/ready" >/dev/null && return 0; sleep 0.1; done
  echo "iamgate on $1 did not become ready"; cat "$work/iamgate-$1.log"; exit 1
}
start_iamgate 8181 false
start_iamgate 8182 true
pids+=("$(sh "$SHARED/peers/cerbos/start.sh")")

demo_bodies "$work"

run() { # name url allow deny mark
  local out
  out=$(ALLOW_BODY=$3 DENY_BODY=$4 ALLOW_MARK=$5 wrk -t2 -c32 -d"${SECS}s" --latency -s "$LUA" "$2" 2>&1)
  local rps p99 bad share
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | grep -o 'p99=[0-9.]*ms' | head -1 | cut -d= -f2)
  bad=$(echo "$out" | grep -o 'non2xx=[0-9]*' | cut -d= -f2)
  share=$(echo "$out" | grep -o '([0-9.]*% of 2xx)' | tr -d '()' | cut -d' ' -f1)
  printf "%-24s %10s req/s   p99 %8s   non-2xx %s   allow share %s\n" "$1" "$rps" "$p99" "$bad" "$share"
  echo "$1 $rps" >> "$work/results"
}
# warm-up (JIT) rounds, not recorded: WARMUP x 5 s per endpoint (bench/_common.sh; the shipped options compile late)
for _ in $(seq 1 "$WARMUP"); do
  for u in http://127.0.0.1:8181/v1/authorize http://127.0.0.1:8182/v1/authorize http://127.0.0.1:8181/v1/noop http://127.0.0.1:8182/v1/noop; do
    ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json wrk -t2 -c32 -d5s -s "$LUA" "$u" >/dev/null 2>&1
  done
done
ALLOW_BODY=$SHARED/peers/cerbos/req-allow.json DENY_BODY=$SHARED/peers/cerbos/req-deny.json wrk -t2 -c32 -d3s -s "$LUA" \
  http://127.0.0.1:3592/api/check/resources >/dev/null 2>&1
echo "wrk -t2 -c32 -d${SECS}s, $ROUNDS rounds, JVM $SIDECAR_OPTS, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), java: $("$JAVA" -version 2>&1 | head -1)"
for r in $(seq 1 "$ROUNDS"); do
  echo "-- round $r"
  run "iamgate (no cache)" http://127.0.0.1:8181/v1/authorize "$work/allow.json" "$work/deny.json" '"ALLOW"'
  run "cerbos 0.55.0" http://127.0.0.1:3592/api/check/resources "$SHARED/peers/cerbos/req-allow.json" "$SHARED/peers/cerbos/req-deny.json" EFFECT_ALLOW
  run "bare endpoint" http://127.0.0.1:8181/v1/noop "$work/allow.json" "$work/deny.json" '"ALLOW"'
  run "iamgate (cache)" http://127.0.0.1:8182/v1/authorize "$work/allow.json" "$work/deny.json" '"ALLOW"'
  run "bare (cache server)" http://127.0.0.1:8182/v1/noop "$work/allow.json" "$work/deny.json" '"ALLOW"'
done
echo "-- medians"
for name in "iamgate (no cache)" "cerbos 0.55.0" "bare endpoint" "iamgate (cache)" "bare (cache server)"; do
  grep "^$name " "$work/results" | awk '{print $NF}' | sort -n | awk -v n="$name" '{a[NR]=$1} END {printf "%-24s %10.0f req/s\n", n, a[int((NR+1)/2)]}'
done | tee "$work/medians"
# each iamgate row against the bare endpoint of its own server (the cache-off and the cache-on sidecar are two processes)
awk '/no cache/ {i=$(NF-1)} /cerbos/ {c=$(NF-1)} /^bare endpoint/ {b=$(NF-1)} /\(cache\)/ {k=$(NF-1)} /cache server/ {bk=$(NF-1)}
     END {printf "iamgate/cerbos %.1fx (cached %.1fx); iamgate/bare on the same server %.0f%% (cached %.0f%%)\n", i/c, k/c, 100*i/b, 100*k/bk}' "$work/medians"
