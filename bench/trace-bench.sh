#!/usr/bin/env bash
# A generated 1,000,000-request trace (10,000 principals, 100,000 notebooks) replayed with
# `iamgate trace replay` at 1k, 5k and 10k req/s (open loop, latency from the intended send time) and at
# saturation (closed loop, 16 connections), against iamgate and against the Cerbos peer with the
# equivalent policies (bench/cerbos/policies, requests translated with --peer cerbos).
#
#   bench/trace-bench.sh [SECONDS]     (default 30 s per rate point, after a 5 s warm-up)
#
# iamgate runs with its defaults (decision cache on). The replayer shares the 2 cores with the server.
# Needs npm: the Cerbos peer installs itself (bench/peers/cerbos/install.sh). Everything listens on 127.0.0.1 and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-30}
. bench/_common.sh
scratch
iamgate() { "$JAVA" -jar target/quarkus-app/quarkus-run.jar "$@"; }

big_bundle "$work/bundle"
iamgate trace generate --bundle "$work/bundle" --count 1000000 --rate 10000 --out "$work/trace.jsonl"
"$JAVA" -Xmx512m -Diamgate.bundle.path="$work/bundle" -Dquarkus.log.level=WARN -jar target/quarkus-app/quarkus-run.jar \
  > "$work/iamgate.log" 2>&1 &
pids+=($!)
wait_ready 8181
pids+=("$(IAMGATE_SHARED="$SHARED" sh bench/cerbos/start.sh)")

echo "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), java: $("$JAVA" -version 2>&1 | head -1)"
printf "%-8s %-11s %9s %8s %7s %10s %9s %9s %9s %9s %9s\n" target load sent errors mism req/s p50 p90 p99 p99.9 max
run() { # name load args...
  local name=$1 load=$2; shift 2
  local json
  json=$(iamgate trace replay --trace "$work/trace.jsonl" --format json --quiet "$@" | tail -1)
  num() { echo "$json" | grep -o "\"$1\":[0-9.]*" | head -1 | cut -d: -f2; }
  ms() { awk -v u="$(num "$1")" 'BEGIN { printf "%.2fms", u / 1000 }'; }
  printf "%-8s %-11s %9s %8s %7s %10s %9s %9s %9s %9s %9s\n" "$name" "$load" "$(num sent)" "$(num errors)" "$(num mismatches)" \
    "$(num throughputPerSecond)" "$(ms p50)" "$(ms p90)" "$(ms p99)" "$(ms p999)" "$(ms max)"
}
for target in iamgate cerbos; do
  if [ "$target" = iamgate ]; then args=(--target http://127.0.0.1:8181); else args=(--target http://127.0.0.1:3592 --peer cerbos --bundle "$work/bundle"); fi
  for rate in 1000 5000 10000; do
    run "$target" "${rate}/s" "${args[@]}" --rate "$rate" --duration "$SECS" --warmup 5 || true
  done
  if [ "$target" = iamgate ]; then
    run "$target" "saturation" "${args[@]}" --concurrency 16 --warmup 5 || true   # the whole 1,000,000 lines
  else
    run "$target" "saturation" "${args[@]}" --concurrency 16 --duration $((SECS * 2)) --warmup 5 || true
  fi
done
