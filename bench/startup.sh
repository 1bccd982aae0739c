#!/usr/bin/env bash
# Launch to the first 200 from /q/health/ready, and RSS then; 3 runs.
#   bench/startup.sh APP_DIR [JAVA] [aot] [BUNDLE]
# APP_DIR is a target/quarkus-app; "aot" adds -XX:AOTCache=APP_DIR/app.aot (package with JDK 25 and
# -Dquarkus.package.jar.aot.enabled=true -Dquarkus.package.jar.aot.type=AOT -Dquarkus.package.jar.aot.phase=build).
set -euo pipefail
dir=$1; java=${2:-java}; aot=${3:-}; bundle=${4:-}
. "$(dirname "$0")/_common.sh" 2>/dev/null || true
for i in 1 2 3; do
  args=(-Xmx256m -Dquarkus.http.port=8199 -Dquarkus.management.port=9199 -Dquarkus.log.level=WARN)
  [ "$aot" = aot ] && args=(-XX:AOTCache="$dir/app.aot" "${args[@]}")
  [ -n "$bundle" ] && args+=(-Diamgate.bundle.path="$bundle")
  t0=$(date +%s%N)
  "$java" "${args[@]}" -jar "$dir/quarkus-run.jar" > /dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null 127.0.0.1:9199/q/health/ready; do sleep 0.01; done
  echo "run $i: ready in $(( ($(date +%s%N)-t0)/1000000 )) ms, RSS $(( $(ps -o rss= -p $pid)/1024 )) MB"
  kill $pid; wait $pid 2>/dev/null || true
done
