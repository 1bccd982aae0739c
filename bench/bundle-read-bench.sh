#!/bin/bash
# Bundle read time, before and after a change: the reader alone (bench/ReadBench.java, 20 reads in one
# JVM) and the whole load (`iamgate bench`: read, parse, validate, compile; cold JVM), interleaved so
# the shared machine's load hits both alike.
# usage: bench/bundle-read-bench.sh BEFORE_CLASSPATH AFTER_CLASSPATH [ROUNDS]
#   a classpath: target/classes plus `./mvnw -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=runtime`
set -euo pipefail
before=$1; after=$2; rounds=${3:-3}
work=${TMPDIR:-/tmp}/iamgate-bundle-read-bench
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$work/big" ]; then
  mkdir -p "$work"
  java -cp "$after" io.iamgate.cli.Main generate-bundle --principals 10000 --resources 100000 --out "$work/big"
  tar -czf "$work/big.tar.gz" -C "$work/big" .
fi
for i in $(seq "$rounds"); do
  for src in "$work/big" "$work/big.tar.gz"; do
    for label in before after; do
      cp=$before; [ $label = after ] && cp=$after
      echo "$label reader $(java -cp "$cp" "$here/ReadBench.java" "$src" 20 | tail -1) load=$(cut -d' ' -f1 /proc/loadavg)"
      echo "$label full $src $(java -cp "$cp" io.iamgate.cli.Main bench --bundle "$src" --duration 1 --warmup 0 2>&1 | grep -o 'loaded in [0-9]* ms')"
    done
  done
done
