#!/usr/bin/env bash
# p99 during full reloads of the 10k/100k bundle vs steady state: wrk -t1 -c8, 20 s steady, then 20 s in
# which POST /v1/bundle/reload forces 4 reloads.   bench/reload-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/_common.sh
work=$(mktemp -d); big_bundle /tmp/iamgate-big; big_bodies "$work"
"$JAVA" -Dquarkus.http.port=8191 -Dquarkus.management.port=9191 -Diamgate.bundle.path=/tmp/iamgate-big -Diamgate.bundle.poll-interval=1h -Diamgate.cache.enabled=false \
  -Dquarkus.log.level=WARN -Dquarkus.log.category.\"io.iamgate\".level=INFO -jar target/quarkus-app/quarkus-run.jar > "$work/server.log" 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
wait_ready 8191
run() { ALLOW_BODY=$work/a.json DENY_BODY=$work/d.json ALLOW_MARK='"ALLOW"' wrk -t1 -c8 -d"$1" --latency -s "$LUA" http://127.0.0.1:8191/v1/authorize; }
run 10s >/dev/null 2>&1   # warm-up
echo "steady:"; run 20s | grep -E "Requests/sec|non2xx|p99"
run 20s > "$work/wrk.txt" 2>&1 &
w=$!
for i in 1 2 3 4; do sleep 3; t0=$(date +%s%N); curl -s -XPOST 127.0.0.1:8191/v1/bundle/reload | head -c 60; echo " ($(( ($(date +%s%N)-t0)/1000000 )) ms)"; done
wait $w
echo "during 4 reloads:"; grep -E "Requests/sec|non2xx|p99" "$work/wrk.txt"
grep -E "loaded from" "$work/server.log" | sed 's/.*\(bundle .* findings\)/\1/'
