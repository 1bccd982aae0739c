#!/usr/bin/env bash
# What live recording costs: wrk against three sidecars on the demo bundle — recording off, at the
# default sample rate 0.01, and every call (1.0) — alternated round by round.
#
#   bench/record-bench.sh [ROUNDS] [SECONDS]      (default 3 rounds of 10 s per target)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECS=${2:-10}
. bench/_common.sh
[ -f "$LUA" ] || { echo "needs $SHARED/peers/wrk"; exit 2; }
scratch
start() { # port extra-options...
  local port=$1; shift
  "$JAVA" -Xmx512m -Dquarkus.http.port="$port" -Dquarkus.management.port=$(( port + 1000 )) -Diamgate.cache.enabled=false -Dquarkus.log.level=WARN "$@" \
    -jar target/quarkus-app/quarkus-run.jar > "$work/iamgate-$port.log" 2>&1 &
  pids+=($!)
  wait_ready "$port"
}
start 8181
start 8182 -Diamgate.trace.record.path="$work/t001.jsonl" -Diamgate.trace.record.sample-rate=0.01
start 8183 -Diamgate.trace.record.path="$work/t1.jsonl" -Diamgate.trace.record.sample-rate=1
ACC=111122223333
echo "{\"principal\":{\"arn\":\"arn:aws:sts::$ACC:assumed-role/DataScientist/alice\"},\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"arn:aws:sagemaker:us-east-1:$ACC:notebook-instance/alice-nb\"}" > "$work/a.json"
sed 's/alice-nb/bob-nb/' "$work/a.json" > "$work/d.json"
w() { ALLOW_BODY=$work/a.json DENY_BODY=$work/d.json ALLOW_MARK='"ALLOW"' wrk -t2 -c32 -d"$1" --latency -s "$LUA" "http://127.0.0.1:$2/v1/authorize" 2>&1; }
for _ in 1 2; do for p in 8181 8182 8183; do w 8s $p >/dev/null; done; done   # JIT warm-up
echo "wrk -t2 -c32 -d${SECS}s, $ROUNDS rounds, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), java: $("$JAVA" -version 2>&1 | head -1)"
for r in $(seq 1 "$ROUNDS"); do
  for p in 8181 8182 8183; do
    out=$(w "${SECS}s" $p)
    name=$([ $p = 8181 ] && echo "off" || ([ $p = 8182 ] && echo "0.01" || echo "1.0"))
    printf "round %d  recording %-5s %10s req/s   p99 %8s   non-2xx %s\n" "$r" "$name" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
      "$(echo "$out" | grep -o 'p99=[0-9.]*ms' | head -1 | cut -d= -f2)" "$(echo "$out" | grep -o 'non2xx=[0-9]*' | cut -d= -f2)"
  done
done
for p in 8182 8183; do
  echo "sidecar :$p: $(curl -s "127.0.0.1:$(( p + 1000 ))/q/metrics" | grep '^iamgate_trace_records_total' | tr '\n' ' ')"
done
echo "lines: $(wc -l < "$work/t001.jsonl") at 0.01, $(wc -l < "$work/t1.jsonl") at 1.0 (rotated files not counted: $(ls "$work" | grep -c 'jsonl\.'))"
