# Shared by the bench scripts: a JDK 25 if present, the jar, a generated 10k/100k bundle, two request bodies.
JAVA=${JAVA:-$( [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo java)}
# The sidecar's JVM options as it ships (./iamgate, docker/Dockerfile.jvm, k8s: docker/jvm.options; the AOT cache, a
# start-up matter, is left out); SIDECAR_OPTS=-Xmx512m runs the HTTP scripts as before the eighth round (G1 by ergonomics).
SIDECAR_OPTS=${SIDECAR_OPTS:-@docker/jvm.options}
# Warm-up cells per endpoint before measuring: the shipped options compile at 10x the JDK's thresholds; the event loops'
# hot methods reach C2 only after ~100 s of load, and with 4 cells authorize's CPU per request was still bimodal from cell
# to cell (BENCHMARKS.md "The shipped JVM options, ninth round", "Quiet machine, after the ninth round").
WARMUP=${WARMUP:-10}
# The peers (Cerbos via npm, the wrk script) live in bench/peers; SHARED=DIR uses DIR/peers instead.
SHARED=${SHARED:-bench}
LUA=$SHARED/peers/wrk/post-alternate.lua
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests -DskipITs
big_bundle() { # DIR: the generated 10,000-principal / 100,000-notebook bundle
  [ -f "$1/resources.jsonl" ] || java -jar target/quarkus-app/quarkus-run.jar generate-bundle --principals 10000 --resources 100000 --out "$1" >/dev/null
}
big_bodies() { # DIR: an allowed and a denied presign for user u00000 of the generated bundle
  mkdir -p "$1"
  echo '{"principal":{"arn":"arn:aws:iam::111122223333:user/u00000"},"action":"sagemaker:CreatePresignedNotebookInstanceUrl","resource":"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-000000","context":{"aws:SourceIp":"10.1.2.3"}}' > "$1/a.json"
  sed 's/nb-000000/nb-000001/' "$1/a.json" > "$1/d.json"
}
demo_bodies() { # DIR: allow.json and deny.json, alice's presign for her own and for bob's notebook on the demo bundle
  echo '{"principal":{"arn":"arn:aws:sts::111122223333:assumed-role/DataScientist/alice"},"action":"sagemaker:CreatePresignedNotebookInstanceUrl","resource":"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb"}' > "$1/allow.json"
  sed 's/alice-nb/bob-nb/' "$1/allow.json" > "$1/deny.json"
}
wait_ready() { # API PORT; health is on the management port, by convention here API port + 1000 (8181 -> 9181)
  until curl -sf -o /dev/null "127.0.0.1:$(( $1 + 1000 ))/q/health/ready"; do sleep 0.01; done
}
scratch() { # a work directory and a list of background PIDs, both cleaned up on exit
  work=$(mktemp -d)
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
}
