#!/usr/bin/env bash
# System calls per request on /v1/authorize and /v1/noop: strace -c on the server over a short wrk run (exact counts,
# independent of the machine's load; strace slows the server, so the request rate means nothing here).
#
#   bench/http-syscalls.sh [APP_DIR ...]      (default target/quarkus-app; one server per APP_DIR, one after the other)
#
# Shows whether an answer leaves in one write(2) or a writev(2) of two buffers. Binds 127.0.0.1:8191 (+1000 for
# management): run it under the port lock.
set -euo pipefail
cd "$(dirname "$0")/.."
APPS=("$@")
[ ${#APPS[@]} -gt 0 ] || APPS=(target/quarkus-app)
. bench/_common.sh
scratch
command -v strace >/dev/null || { echo "needs strace"; exit 2; }
demo_bodies "$work"
for app in "${APPS[@]}"; do
  "$JAVA" $SIDECAR_OPTS -Dquarkus.http.port=8191 -Dquarkus.management.port=9191 -Diamgate.cache.enabled=false -Diamgate.bench.noop-endpoint=true \
    -Dquarkus.log.level=WARN -jar "$app/quarkus-run.jar" > "$work/iamgate.log" 2>&1 &
  pid=$!
  pids+=($pid)
  wait_ready 8191
  for e in authorize noop; do # warm-up
    ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json wrk -t1 -c4 -d"${WARM:-2}s" -s "$LUA" "http://127.0.0.1:8191/v1/$e" >/dev/null 2>&1
  done
  for e in authorize noop; do
    strace -c -f -qq -o "$work/strace-$e" -p "$pid" &
    st=$!
    sleep 1
    out=$(ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json ALLOW_MARK='"ALLOW"' wrk -t1 -c4 -d3s -s "$LUA" "http://127.0.0.1:8191/v1/$e" 2>&1)
    sleep 0.5
    kill -INT "$st"; wait "$st" 2>/dev/null || true
    n=$(echo "$out" | awk '/requests in/ {print $1}')
    echo "$app $e: $n requests, non-2xx $(echo "$out" | grep -o 'non2xx=[0-9]*' | cut -d= -f2); system calls per request:" \
      "$(awk -v n="$n" '$NF ~ /^(write|writev|read|epoll_wait|epoll_ctl|futex)$/ {printf "%s %.2f  ", $NF, ($4 ~ /^[0-9]+$/ ? $4 : $3) / n}' "$work/strace-$e")"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
