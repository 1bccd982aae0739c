#!/usr/bin/env bash
# /v1/authorize against the bare endpoint (/v1/noop) of ONE server, in interleaved pairs of wrk runs (the order
# inside a pair alternates), pooled: the ratio the issue-16 target names, with the machine's noise hitting both alike.
#
#   bench/http-pairs.sh [PAIRS] [SECONDS] [APP_DIR ...]   (default 6 pairs of 5 s; APP_DIR default target/quarkus-app)
#
# With several APP_DIRs (e.g. a copy of target/quarkus-app from before a change) each gets its own server and the
# cells of a pair are interleaved across all of them. An APP_DIR may carry its own JVM options after a bar, added after
# SIDECAR_OPTS (a later flag wins): "target/quarkus-app|-XX:-UseTransparentHugePages" (options A/B on one jar). Cache off (CACHE=true: on), demo bundle, allow/deny alternating, wrk -t2 -c32.
# Each cell also reports the server's CPU time (user + system, /proc/PID/stat) per request served: on a machine shared
# with other work, throughput swings with whatever else runs, the CPU a request costs the server much less.
# JFR=1 records a JFR profile per server (jcmd JFR.start settings=profile) into ${JFR_DIR:-/tmp}/jfr-PORT.jfr.
# At the end, one more cell per endpoint and server measures the bytes the event loops allocate per request (JFR's
# jdk.ThreadAllocationStatistics at the start and end of the cell; exact counters, independent of the machine's load).
# Binds 127.0.0.1:8191.. (and +1000 for management): run it under the port lock.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-6}
SECS=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
APPS=("$@")
[ ${#APPS[@]} -gt 0 ] || APPS=(target/quarkus-app)
. bench/_common.sh
scratch

demo_bodies "$work"

ports=()
for i in "${!APPS[@]}"; do
  port=$(( 8191 + i ))
  app=${APPS[$i]%%|*}; extra=; [ "$app" = "${APPS[$i]}" ] || extra=${APPS[$i]#*|}
  "$JAVA" $SIDECAR_OPTS $extra -Dquarkus.http.port=$port -Dquarkus.management.port=$(( port + 1000 )) -Diamgate.cache.enabled="${CACHE:-false}" \
    -Diamgate.bench.noop-endpoint=true -Dquarkus.log.level=WARN -jar "$app/quarkus-run.jar" > "$work/iamgate-$port.log" 2>&1 &
  pids+=($!)
  ports+=($port)
done
for port in "${ports[@]}"; do wait_ready "$port"; done

cpu() { # PID -> the process's user + system CPU time so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
cell() { # url server-pid -> "rps non2xx share cpu-us-per-request"
  local out before after
  before=$(cpu "$2")
  out=$(ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json ALLOW_MARK='"ALLOW"' wrk -t2 -c32 -d"${SECS}s" -s "$LUA" "$1" 2>&1)
  after=$(cpu "$2")
  echo "$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}') $(echo "$out" | grep -o 'non2xx=[0-9]*' | cut -d= -f2) \
$(echo "$out" | grep -o '([0-9.]*% of 2xx)' | tr -d '()' | cut -d' ' -f1) \
$(echo "$out" | awk -v t=$(( after - before )) -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "%.2f", t / hz * 1e6 / $1}')"
}
for _ in $(seq 1 "$WARMUP"); do # warm-up, not recorded: WARMUP cells per endpoint and server (bench/_common.sh)
  for i in "${!ports[@]}"; do
    cell "http://127.0.0.1:${ports[$i]}/v1/authorize" "${pids[$i]}" >/dev/null
    cell "http://127.0.0.1:${ports[$i]}/v1/noop" "${pids[$i]}" >/dev/null
  done
done
if [ "${JFR:-}" = 1 ]; then
  for i in "${!ports[@]}"; do "$(dirname "$JAVA")/jcmd" "${pids[$i]}" JFR.start settings=profile filename="${JFR_DIR:-/tmp}/jfr-${ports[$i]}.jfr" >/dev/null; done
fi
echo "# $PAIRS pairs of ${SECS}s, cache ${CACHE:-false}, JVM $SIDECAR_OPTS, warm-up $WARMUP cells per endpoint, wrk -t2 -c32, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1)"
for i in "${!APPS[@]}"; do echo "# server ${ports[$i]}: ${APPS[$i]}"; done
for p in $(seq 1 "$PAIRS"); do
  line="pair $p:"
  for i in "${!ports[@]}"; do
    port=${ports[$i]}
    if [ $(( p % 2 )) = 1 ]; then order="authorize noop"; else order="noop authorize"; fi
    for e in $order; do
      r=$(cell "http://127.0.0.1:$port/v1/$e" "${pids[$i]}")
      echo "$port $e $r" >> "$work/cells"
      line="$line  $port/$e $r"
    done
  done
  echo "$line"
done
echo "-- pooled"
for port in "${ports[@]}"; do
  awk -v port="$port" '$1 == port && $2 == "authorize" {a += $3; bad += $4} $1 == port && $2 == "noop" {n += $3; bad += $4}
    END {printf "server %s: authorize %d, noop %d (sums of req/s), non-2xx %d, authorize/noop %.1f%%\n", port, a, n, bad, 100 * a / n}' "$work/cells"
  awk -v port="$port" '$1 == port && $2 == "authorize" {a += $6; i++} $1 == port && $2 == "noop" {n += $6; j++}
    END {printf "server %s: server CPU per request: authorize %.2f us, noop %.2f us (means); noop/authorize %.1f%%\n", port, a / i, n / j, 100 * (n / j) / (a / i)}' "$work/cells"
  paste <(awk -v port="$port" '$1 == port && $2 == "authorize" {print $3}' "$work/cells") \
        <(awk -v port="$port" '$1 == port && $2 == "noop" {print $3}' "$work/cells") | awk '{printf "%.4f\n", $1 / $2}' | sort -n |
    awk -v port="$port" '{r[NR] = $1} END {printf "server %s: per-pair ratios median %.1f%% (min %.1f%%, max %.1f%%)\n", port, 100 * r[int((NR + 1) / 2)], 100 * r[1], 100 * r[NR]}'
  paste <(awk -v port="$port" '$1 == port && $2 == "authorize" {print $6}' "$work/cells") \
        <(awk -v port="$port" '$1 == port && $2 == "noop" {print $6}' "$work/cells") | awk '{printf "%.4f\n", $2 / $1}' | sort -n |
    awk -v port="$port" '{r[NR] = $1} END {printf "server %s: per-pair CPU per request noop/authorize median %.1f%% (min %.1f%%, max %.1f%%)\n", port, 100 * r[int((NR + 1) / 2)], 100 * r[1], 100 * r[NR]}'
done
if [ "${JFR:-}" = 1 ]; then
  for i in "${!ports[@]}"; do "$(dirname "$JAVA")/jcmd" "${pids[$i]}" JFR.stop >/dev/null; done
fi
cat > "$work/alloc.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0"><event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event></configuration>
JFC
alloc() { # jfr-file requests -> bytes allocated per request by the vert.x event loop threads
  "$(dirname "$JAVA")/jfr" print --json --events jdk.ThreadAllocationStatistics "$1" | python3 -c '
import json, sys
first, last = {}, {}
for e in json.load(sys.stdin)["recording"]["events"]:
    v = e["values"]; t = (v.get("thread") or {}).get("javaName") or ""
    if "eventloop" in t:
        first.setdefault(t, v["allocated"]); last[t] = v["allocated"]
print(round(sum(last[t] - first[t] for t in last) / int(sys.argv[1])))' "$2"
}
if command -v python3 >/dev/null; then
  for i in "${!ports[@]}"; do
    for e in authorize noop; do
      f="$work/alloc-${ports[$i]}-$e.jfr"
      "$(dirname "$JAVA")/jcmd" "${pids[$i]}" JFR.start name=alloc settings="$work/alloc.jfc" filename="$f" >/dev/null
      out=$(ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json ALLOW_MARK='"ALLOW"' wrk -t2 -c32 -d"${SECS}s" -s "$LUA" "http://127.0.0.1:${ports[$i]}/v1/$e" 2>&1)
      "$(dirname "$JAVA")/jcmd" "${pids[$i]}" JFR.stop name=alloc >/dev/null
      echo "server ${ports[$i]}: $e allocates $(alloc "$f" "$(echo "$out" | awk '/requests in/ {print $1}')") bytes per request on the event loops"
    done
  done
fi
