#!/usr/bin/env bash
# Warm HTTP authorize throughput of the native executable vs the JVM (JDK 25, AOT cache, docker/jvm.options) vs the
# Cerbos peer, in one run, alternating targets round by round (wrk -t2 -c32, demo bundle, no decision cache).
#   bench/runtime-http.sh [ROUNDS] [SECONDS]       (default 2 rounds of 8 s per target)
# NATIVE_OPTS="-Xmn64m ..." adds launch options to the native executable (e.g. a larger young generation).
# Needs target/quarkus-app (packaged with JDK 25 and -Dquarkus.package.jar.aot.enabled=true for the AOT cache),
# target/iamgate-*-runner (./mvnw -Pnative package) and ../shared (the Cerbos peer, the wrk script; SHARED=...).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}; SECS=${2:-8}
. bench/_common.sh
[ -f "$LUA" ] || { echo "needs $SHARED (peers/wrk, peers/cerbos)"; exit 2; }
runner=$(ls target/iamgate-*-runner | head -1)
scratch
aot=(); [ -f target/quarkus-app/app.aot ] && aot=(-XX:AOTCache=target/quarkus-app/app.aot)
"$JAVA" @docker/jvm.options "${aot[@]}" -Dquarkus.http.port=8191 -Dquarkus.management.port=9191 -Diamgate.cache.enabled=false \
  -Dquarkus.log.level=WARN -jar target/quarkus-app/quarkus-run.jar > "$work/jvm.log" 2>&1 &
pids+=($!)
"$runner" ${NATIVE_OPTS:-} -Dquarkus.http.port=8192 -Dquarkus.management.port=9192 -Diamgate.cache.enabled=false -Dquarkus.log.level=WARN > "$work/native.log" 2>&1 &
pids+=($!)
pids+=("$(sh "$SHARED/peers/cerbos/start.sh")")
wait_ready 8191; wait_ready 8192
demo_bodies "$work"
CA=$SHARED/peers/cerbos/req-allow.json; CD=$SHARED/peers/cerbos/req-deny.json
run() { # name url allow deny mark
  local out
  out=$(ALLOW_BODY=$3 DENY_BODY=$4 ALLOW_MARK=$5 wrk -t2 -c32 -d"$6" --latency -s "$LUA" "$2" 2>&1)
  printf "%-22s %10s req/s   p99 %8s   non-2xx %s\n" "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | grep -o 'p99=[0-9.]*ms' | head -1 | cut -d= -f2)" "$(echo "$out" | grep -o 'non2xx=[0-9]*' | cut -d= -f2)"
}
echo "wrk -t2 -c32 -d${SECS}s, $ROUNDS rounds, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "-- warm-up (not recorded)"
run "iamgate JVM" http://127.0.0.1:8191/v1/authorize "$work/allow.json" "$work/deny.json" '"ALLOW"' 8s >/dev/null
run "iamgate native" http://127.0.0.1:8192/v1/authorize "$work/allow.json" "$work/deny.json" '"ALLOW"' 4s >/dev/null
run "cerbos" http://127.0.0.1:3592/api/check/resources "$CA" "$CD" EFFECT_ALLOW 3s >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "-- round $r"
  run "iamgate JVM" http://127.0.0.1:8191/v1/authorize "$work/allow.json" "$work/deny.json" '"ALLOW"' "${SECS}s"
  run "iamgate native" http://127.0.0.1:8192/v1/authorize "$work/allow.json" "$work/deny.json" '"ALLOW"' "${SECS}s"
  run "cerbos" http://127.0.0.1:3592/api/check/resources "$CA" "$CD" EFFECT_ALLOW "${SECS}s"
done
echo "-- RSS after the load: JVM $(( $(ps -o rss= -p "${pids[0]}") / 1024 )) MB, native $(( $(ps -o rss= -p "${pids[1]}") / 1024 )) MB"
