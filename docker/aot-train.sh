#!/usr/bin/env bash
# Trains the JDK 25 AOT cache (JEP 483/514/515) for the packaged sidecar: starts it with
# -XX:AOTCacheOutput, waits until it is ready, drives the decision, presign, forward-auth and validation
# paths, stops it with SIGTERM (the JVM writes the cache on exit) and fails when no cache was written.
# The cache fits only the jars, JDK build and flags it was trained with (APP_DIR is made absolute, so a
# later start may name the jar by any path). docker/Dockerfile.jvm runs it in a build stage on the
# runtime image (same JDK as at run time); ./iamgate runs it after each build; the same command runs on
# a host with JDK 25 (README "Deployment", BENCHMARKS.md):
#   docker/aot-train.sh target/quarkus-app /usr/lib/jvm/temurin-25-jdk-amd64/bin/java docker/jvm.options
# Usage: aot-train.sh APP_DIR [JAVA [JVM_OPTIONS_FILE]]   (writes APP_DIR/app.aot)
set -euo pipefail
app=$(cd "$1" && pwd)
java=${2:-java}
options=${3:-$app/jvm.options}
port=${AOT_TRAIN_PORT:-8181}
mport=${AOT_TRAIN_MANAGEMENT_PORT:-9181}
work=$(mktemp -d)
pid=""
# whatever ends the script (a failed step included) also stops the training sidecar: none is left holding the ports
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
rm -f "$app/app.aot"

# one HTTP/1.1 exchange over bash's /dev/tcp (the JRE image has no curl): METHOD PORT PATH [BODY [HEADER]]
http() {
  local body=${4:-} extra=${5:-}
  exec 3<>"/dev/tcp/127.0.0.1/$2" || return 1
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\n\r\n%s' \
    "$1" "$3" "${extra:+$extra$'\r\n'}" "${#body}" "$body" >&3
  cat <&3
  exec 3>&-
}

opts=()
[ -f "$options" ] && opts+=("@$options")
"$java" "${opts[@]}" -XX:AOTCacheOutput="$app/app.aot" \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$mport" \
  -Diamgate.presign.signing-key=YW90LXRyYWluaW5nLW9ubHktbm90LWEtcmVhbC1rZXk= \
  -Diamgate.presign.cookie-secure=false \
  -jar "$app/quarkus-run.jar" >"$work/sidecar.log" 2>&1 &
pid=$!
ready=""
for _ in $(seq 1 300); do
  if http GET "$mport" /q/health/ready 2>/dev/null | head -1 | grep -q ' 200 '; then ready=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
# the management interface can report ready a moment before the API port listens: wait for that port too
if [ -n "$ready" ]; then
  ready=""
  for _ in $(seq 1 300); do
    if http GET "$port" /v1/bundle >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
fi
if [ -z "$ready" ]; then
  echo "aot-train: the sidecar did not become ready" >&2; cat "$work/sidecar.log" >&2; exit 1
fi

alice='arn:aws:sts::111122223333:assumed-role/DataScientist/alice'
for i in $(seq 1 200); do
  nb=$([ $((i % 2)) -eq 0 ] && echo alice-nb || echo bob-nb)
  http POST "$port" /v1/authorize "{\"principal\":{\"arn\":\"$alice\"},\"action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"resource\":\"arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/$nb\",\"context\":{\"aws:SourceIp\":\"10.0.0.$i\"}}" >/dev/null
  out=$(http POST "$port" /v1/presigned-urls/notebook-instance "{\"principal\":{\"arn\":\"$alice\"},\"notebookInstanceName\":\"alice-nb\"}")
  target=$(printf '%s' "$out" | grep -o '/notebook-instances/alice-nb/?authToken=[A-Za-z0-9._-]*' | head -1)
  [ -n "$target" ] || { echo "aot-train: presign failed: $out" >&2; kill "$pid"; exit 1; }
  cookie=$(http GET "$port" /v1/forward-auth "" "X-Original-URI: $target" | tr -d '\r' | sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p' | head -1)
  http GET "$port" /v1/forward-auth "" "X-Original-URI: /notebook-instances/alice-nb/tree"$'\r\n'"Cookie: $cookie" >/dev/null
  http GET "$port" /v1/forward-auth "" "X-Original-URI: /notebook-instances/bob-nb/" >/dev/null
done
# the validator and the service reference: what a start with a mounted bundle (not the embedded demo) runs
http POST "$port" /v1/validate '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sagemaker:CreatePresignedNotebookInstanceUrl","Resource":"*","Condition":{"StringEquals":{"sagemaker:ResourceTag/owner":"${aws:userid}"}}}]}' >/dev/null
http POST "$port" /v1/authorize/batch "{\"requests\":[{\"principal\":{\"arn\":\"$alice\"},\"action\":\"sagemaker:ListNotebookInstances\",\"resource\":\"*\"}]}" >/dev/null
http GET "$port" /v1/bundle >/dev/null
http GET "$mport" /q/metrics >/dev/null

kill -TERM "$pid"
wait "$pid" || true
pid=""
if [ ! -s "$app/app.aot" ]; then
  echo "aot-train: no AOT cache was written" >&2; cat "$work/sidecar.log" >&2; exit 1
fi
echo "aot-train: wrote $app/app.aot ($(du -h "$app/app.aot" | cut -f1))"
