#!/usr/bin/env bash
# Memory under sustained load: the sidecar on the 10k/100k bundle, wrk -t1 -c8 for SECONDS (default 300),
# RSS every 30 s.   bench/soak.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/_common.sh
SECS=${1:-300}
work=$(mktemp -d); big_bundle /tmp/iamgate-big; big_bodies "$work"
"$JAVA" -Xmx256m -Dquarkus.http.port=8190 -Dquarkus.management.port=9190 -Diamgate.bundle.path=/tmp/iamgate-big -Dquarkus.log.level=WARN -jar target/quarkus-app/quarkus-run.jar > "$work/server.log" 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
t0=$(date +%s%N); wait_ready 8190
echo "ready after $(( ($(date +%s%N)-t0)/1000000 )) ms; RSS $(( $(ps -o rss= -p $pid)/1024 )) MB"
ALLOW_BODY=$work/a.json DENY_BODY=$work/d.json wrk -t1 -c8 -d"${SECS}s" -s "$LUA" http://127.0.0.1:8190/v1/authorize > "$work/wrk.txt" 2>&1 &
w=$!
for i in $(seq 30 30 "$SECS"); do sleep 30; echo "t=${i}s RSS $(( $(ps -o rss= -p $pid)/1024 )) MB"; done
wait $w; grep -E "Requests/sec|non2xx" "$work/wrk.txt"
