#!/usr/bin/env bash
# Server CPU per request by thread group, cell by cell, on ONE server: where an endpoint's CPU per request goes (event
# loops, JIT compiler threads, the VM thread = the serial collector, the Service/Notification threads, the rest) and
# whether it changes from cell to cell (BENCHMARKS.md issue 19, "The shipped JVM options, ninth round").
#   bench/http-threads.sh [CELLS] [SECONDS] [APP_DIR[|EXTRA JVM OPTIONS]]   (default 10 cells of 4 s, target/quarkus-app)
# ENDPOINT=authorize|noop (default authorize), WARMUP cells per endpoint first (bench/_common.sh), CACHE=true: cache on.
# The server runs SIDECAR_OPTS (the shipped docker/jvm.options) plus the extra options; its log goes to
# ${SERVER_LOG:-/tmp/http-threads-server.log} (e.g. with -XX:+PrintCompilation, whose times are JVM uptime in ms: compare
# with the up= column). Binds 127.0.0.1:8191/9191: run it under the port lock.
set -euo pipefail
cd "$(dirname "$0")/.."
CELLS=${1:-10}; SECS=${2:-4}; SPEC=${3:-target/quarkus-app}; EP=${ENDPOINT:-authorize}
APP=${SPEC%%|*}; EXTRA=; [ "$APP" = "$SPEC" ] || EXTRA=${SPEC#*|}
. bench/_common.sh
scratch
demo_bodies "$work"
port=8191
"$JAVA" $SIDECAR_OPTS $EXTRA -Dquarkus.http.port=$port -Dquarkus.management.port=$((port + 1000)) -Diamgate.cache.enabled="${CACHE:-false}" \
  -Diamgate.bench.noop-endpoint=true -Dquarkus.log.level=WARN -jar "$APP/quarkus-run.jar" > "${SERVER_LOG:-/tmp/http-threads-server.log}" 2>&1 &
pid=$!; pids+=($pid)
wait_ready $port
snap() { # clock ticks per thread group so far (thread names are cut to 15 characters: "vert.x-eventloo")
  for t in /proc/$pid/task/*; do
    printf '%s\t%s\n' "$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)" "$(cat "$t/comm" 2>/dev/null || true)"
  done | awk -F'\t' '{g = "other"; if ($2 ~ /eventloo/) g = "loop"; else if ($2 ~ /^C[12] /) g = "jit"; else if ($2 ~ /VM Thread/) g = "vm";
    else if ($2 ~ /Notification|Service Thread/) g = "svc"; s[g] += $1} END {for (g in s) printf "%s=%d ", g, s[g]}'
}
cell() { # endpoint -> one line: JVM uptime, requests, CPU us per request in total and per group
  local b a out
  b=$(snap)
  out=$(ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json ALLOW_MARK='"ALLOW"' wrk -t2 -c32 -d"${SECS}s" -s "$LUA" "http://127.0.0.1:$port/v1/$1" 2>&1)
  a=$(snap)
  awk -v b="$b" -v a="$a" -v n="$(echo "$out" | awk '/requests in/ {print $1}')" -v e="$1" -v up="$(ps -o etimes= -p $pid | tr -d ' ')" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN {
      split(b, x, " "); for (i in x) { split(x[i], kv, "="); B[kv[1]] = kv[2] }
      split(a, y, " "); for (i in y) { split(y[i], kv, "="); A[kv[1]] = kv[2]; G[kv[1]] = 1 }
      line = ""; t = 0
      for (g in G) { d = (A[g] - B[g]) / hz * 1e6 / n; t += d; line = line sprintf(" %s=%.2f", g, d) }
      printf "%-9s up=%ss requests=%d total=%.2f%s\n", e, up, n, t, line }'
}
for _ in $(seq 1 "$WARMUP"); do cell authorize >/dev/null; cell noop >/dev/null; done
echo "# $CELLS cells of ${SECS}s on /v1/$EP, cache ${CACHE:-false}, JVM $SIDECAR_OPTS $EXTRA, warm-up $WARMUP cells per endpoint, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# us of server CPU per request: total and by thread group (loop = event loops, jit = C1/C2, vm = VM thread: the serial GC)"
for _ in $(seq 1 "$CELLS"); do cell "$EP"; done
echo "# load $(cut -d' ' -f1-3 /proc/loadavg)"
