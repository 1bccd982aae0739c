#!/bin/bash
# Bundle load cost, before and after a change, interleaved (before, after, before, ...) so the shared machine's load
# hits both alike: bench/LoadBench.java loads the 10k/100k bundle N times in one JVM (read, manifest, policies,
# principals, inventory, compile; validation skipped as for the embedded demo bundle) and prints per load the wall
# time, the process CPU time and the bytes allocated by all threads, then the heap one loaded snapshot retains.
# usage: bench/bundle-load-bench.sh BEFORE_CLASSPATH AFTER_CLASSPATH [ROUNDS] [LOADS]
#   a classpath: target/classes plus `./mvnw -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=runtime`
set -euo pipefail
before=$1; after=$2; rounds=${3:-3}; loads=${4:-8}
work=${TMPDIR:-/tmp}/iamgate-bundle-read-bench
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$work/big" ]; then
  mkdir -p "$work"
  java -cp "$after" io.iamgate.cli.Main generate-bundle --principals 10000 --resources 100000 --out "$work/big"
fi
for i in $(seq "$rounds"); do
  for label in before after; do
    cp=$before; [ $label = after ] && cp=$after
    echo "== $label round $i load=$(cut -d' ' -f1-3 /proc/loadavg)"
    java -Xmx1g -cp "$cp" "$here/LoadBench.java" "$work/big" "$loads"
  done
done
