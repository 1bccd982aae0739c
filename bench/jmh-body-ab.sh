#!/bin/sh
# The uncached body path A/B in process (issue 16): BASE (a commit) against this working tree, alternating
# ROUNDS times, JMH on the 10k/100k bundle with CPU time per op (io.iamgate.bench.CpuTimeProfiler) and -prof gc.
# usage: [JAVA=/path/to/java] bench/jmh-body-ab.sh BASE_COMMIT [ROUNDS]     e.g. bench/jmh-body-ab.sh c396100 2
# BASE gets this tree's src/jmh (BodyStagesBenchmark reads without the resource table there if BASE lacks it).
set -e
base=$1; rounds=${2:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/iamgate-body-ab.XXXXXX)
(cd "$here" && git archive "$base" | tar -x -C "$work")
cp -r "$here/src/jmh" "$work/src/"
grep -q 'static io.iamgate.json.StringTable resources' "$work/src/main/java/io/iamgate/authz/RequestReader.java" || \
  sed -i 's/RequestReader.scratch(body, 0, body.length, types, RequestReader.resources(b))/RequestReader.scratch(body, 0, body.length, types)/' \
  "$work/src/jmh/java/io/iamgate/authz/BodyStagesBenchmark.java"
grep -q 'static AuthorizeRequest streamed(' "$work/src/main/java/io/iamgate/authz/RequestReader.java" || \
  sed -i 's/RequestReader.streamed(/RequestReader.scratch(/' "$work/src/jmh/java/io/iamgate/authz/BodyStagesBenchmark.java"  # BASE before the recognizer: *Streamed = the plain stages
grep -q 'static io.iamgate.eval.Verdict verdict(' "$work/src/main/java/io/iamgate/authz/Authorizer.java" || \
  sed -i -e 's/public io.iamgate.eval.Verdict s3decide()/public io.iamgate.eval.EvaluationResult s3decide()/' \
  -e 's/Authorizer.verdict(r, c, tags, now)/Authorizer.decide(r, c, tags, now, io.iamgate.eval.ExplainMode.OFF)/' \
  "$work/src/jmh/java/io/iamgate/authz/BodyStagesBenchmark.java"  # BASE before the verdict: its stages decide into a result
for d in "$work" "$here"; do (cd "$d" && ./mvnw -B -q -Pbench -DskipTests process-classes); done
(cd "$here" && ./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=compile >/dev/null)
ARGS='BodyStagesBenchmark.(s1read|s2resolve|s3decide|s4write|tokensNonBlocking)|DecisionBenchmark.(body|compiled)$ -p bundle=10k-100k -f 1 -wi 2 -i 3 -w 2s -r 3s -prof io.iamgate.bench.CpuTimeProfiler -prof gc'
r=1
while [ $r -le $rounds ]; do
  for side in base branch; do
    dir=$here; [ $side = base ] && dir=$work
    echo "=== round $r $side $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd "$dir" && ${JAVA:-java} -Djmh.ignoreLock=true -cp "target/jmh-classes:target/classes:$(cat "$work/cp.txt")" org.openjdk.jmh.Main $ARGS 2>&1 \
      | grep -E "^(Benchmark|[a-zA-Z0-9.]*(BodyStages|DecisionBenchmark)[a-zA-Z0-9.]*(:cpu.worker|:gc.alloc.rate.norm|:p0.50)) ")
  done
  r=$((r + 1))
done
