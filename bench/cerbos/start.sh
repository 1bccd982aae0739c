#!/bin/sh
# Starts the Cerbos peer (0.55.0, installed from npm by bench/peers/cerbos/install.sh; needs npm) on 127.0.0.1:3592
# with bench/cerbos/policies: the synthetic bundle's rules, for `iamgate trace replay --peer cerbos`.
# Prints its PID. Stop it with: kill PID
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${IAMGATE_SHARED:-$here/..}
bin=$(sh "$shared/peers/cerbos/install.sh")
work=$(mktemp -d)
sed "s#@POLICIES@#$here/policies#" "$shared/peers/cerbos/config.yaml.in" > "$work/config.yaml"
CERBOS_NO_TELEMETRY=1 nohup "$bin" server --config="$work/config.yaml" --log-level=warn > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do
  if curl -sf http://127.0.0.1:3592/_cerbos/health >/dev/null 2>&1; then echo "$pid"; exit 0; fi
  sleep 0.1
done
echo "cerbos did not become healthy; log: $work/server.log" >&2; cat "$work/server.log" >&2; kill "$pid" 2>/dev/null; exit 1
