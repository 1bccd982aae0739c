#!/usr/bin/env bash
# Where /v1/authorize allocates beyond /v1/noop, per request, on the event loops: one JFR recording per endpoint over a
# wrk run (jdk.ObjectAllocationSample, weights summed by allocation site = the top application/framework frame and
# the allocated class), printed side by side, largest difference first.
#
#   bench/http-alloc-sites.sh [APP_DIR] [SECONDS]     (default target/quarkus-app, 8 s)
#
# KEEP=DIR keeps the recordings. THROTTLE=N samples per second (default 20000). Sampled weights: the totals are estimates (compare them with http-pairs.sh's exact bytes per request); sites with a
# few bytes per request are noise. Binds 127.0.0.1:8191 (+1000): run it under the port lock.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=${1:-target/quarkus-app}
SECS=${2:-8}
. bench/_common.sh
scratch
demo_bodies "$work"
"$JAVA" $SIDECAR_OPTS -Dquarkus.http.port=8191 -Dquarkus.management.port=9191 -Diamgate.cache.enabled=false -Diamgate.bench.noop-endpoint=true \
  -Dquarkus.log.level=WARN -jar "$APP/quarkus-run.jar" > "$work/iamgate.log" 2>&1 &
pid=$!
pids+=($pid)
wait_ready 8191
for e in $(for _ in $(seq 1 "$WARMUP"); do echo authorize noop; done); do # warm-up (bench/_common.sh)
  ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json wrk -t2 -c32 -d4s -s "$LUA" "http://127.0.0.1:8191/v1/$e" >/dev/null 2>&1
done
cat > "$work/alloc.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0"><event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">${THROTTLE:-20000}/s</setting><setting name="stackTrace">true</setting></event></configuration>
JFC
sed -i "s/\${THROTTLE:-20000}/${THROTTLE:-20000}/" "$work/alloc.jfc"
for e in authorize noop; do
  "$(dirname "$JAVA")/jcmd" "$pid" JFR.start name=a settings="$work/alloc.jfc" filename="$work/$e.jfr" >/dev/null
  n=$(ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json wrk -t2 -c32 -d"${SECS}s" -s "$LUA" "http://127.0.0.1:8191/v1/$e" 2>&1 | awk '/requests in/ {print $1}')
  "$(dirname "$JAVA")/jcmd" "$pid" JFR.stop name=a >/dev/null
  "$(dirname "$JAVA")/jfr" print --json --stack-depth 6 --events jdk.ObjectAllocationSample "$work/$e.jfr" > "$work/$e.json"
  echo "$n" > "$work/$e.n"
  [ -z "${KEEP:-}" ] || cp "$work/$e.jfr" "$KEEP/"
done
python3 - "$work" <<'PY'
import json, sys, collections
work = sys.argv[1]
def sites(e):
    n = int(open(f"{work}/{e}.n").read())
    w = collections.Counter()
    for ev in json.load(open(f"{work}/{e}.json"))["recording"]["events"]:
        v = ev["values"]
        t = (v.get("eventThread") or {}).get("javaName") or ""
        if "eventloop" not in t:
            continue
        frames = (v.get("stackTrace") or {}).get("frames") or []
        def name(f):
            m = f["method"]; return m["type"]["name"].split(".")[-1] + "." + m["name"]
        # the first frame outside java.* / jdk.* names the site
        site = next((name(f) for f in frames if not f["method"]["type"]["name"].startswith(("java.", "jdk.", "sun."))),
                    name(frames[0]) if frames else "?")
        w[(site, v["objectClass"]["name"].split(".")[-1])] += v["weight"]
    return {k: x / n for k, x in w.items()}, n
a, na = sites("authorize"); b, nb = sites("noop")
print(f"requests: authorize {na}, noop {nb}; sampled bytes per request on the event loops: authorize {sum(a.values()):.0f}, noop {sum(b.values()):.0f}")
keys = sorted(set(a) | set(b), key=lambda k: -(a.get(k, 0) - b.get(k, 0)))
print(f"{'site (first non-JDK frame)':60} {'class':28} {'authorize':>9} {'noop':>9}")
for k in keys[:25]:
    print(f"{k[0][:60]:60} {k[1][:28]:28} {a.get(k, 0):9.1f} {b.get(k, 0):9.1f}")
PY
