#!/usr/bin/env bash
# Where the server's CPU goes per request, /v1/authorize against /v1/noop of ONE server at the same load: perf (kernel
# frames included) over one wrk cell per endpoint, samples grouped by thread and by the component of the sampled frame
# (kernel, JVM, Netty, Vert.x, RESTEasy, Micrometer, iamgate, ...), turned into microseconds of CPU per request.
#
#   bench/http-perf.sh [APP_DIR] [SECONDS] [ROUNDS]    (default target/quarkus-app, 8 s, 2 rounds per endpoint, alternating)
#
# The server runs as it ships (SIDECAR_OPTS, bench/_common.sh) plus -XX:+PreserveFramePointer; Java frames are
# named from `jcmd PID Compiler.perfmap` (taken after the runs). INCL="regex ..." also counts samples whose stack
# contains a frame matching each regex (inclusive; frames inlined into a caller are not separate frames). CACHE=true: the
# decision cache on. KEEP=DIR keeps perf.data and the scripts' text. Needs perf (root or perf_event_paranoid <= 1).
# Binds 127.0.0.1:8191 (+1000): run it under the port lock.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=${1:-target/quarkus-app}
SECS=${2:-8}
ROUNDS=${3:-2}
. bench/_common.sh
scratch
demo_bodies "$work"
HZ=${HZ:-1999}
# shellcheck disable=SC2086
"$JAVA" $SIDECAR_OPTS -XX:+PreserveFramePointer -Dquarkus.http.port=8191 -Dquarkus.management.port=9191 \
  -Diamgate.cache.enabled="${CACHE:-false}" -Diamgate.bench.noop-endpoint=true -Dquarkus.log.level=WARN -jar "$APP/quarkus-run.jar" > "$work/iamgate.log" 2>&1 &
pid=$!
pids+=($pid)
wait_ready 8191
for _ in $(seq 1 "$WARMUP"); do # warm-up (bench/_common.sh): the shipped options compile at 10x the thresholds
  for e in authorize noop; do
    ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json wrk -t2 -c32 -d5s -s "$LUA" "http://127.0.0.1:8191/v1/$e" >/dev/null 2>&1
  done
done
echo "# $APP, $ROUNDS x ${SECS}s per endpoint, cache ${CACHE:-false}, perf -F $HZ, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1)"
for r in $(seq 1 "$ROUNDS"); do
  if [ $(( r % 2 )) = 1 ]; then order="authorize noop"; else order="noop authorize"; fi
  for e in $order; do
    perf record -q -F "$HZ" -g -p "$pid" -o "$work/$e-$r.data" -- sleep "$(( SECS + 1 ))" >/dev/null 2>&1 &
    rec=$!
    sleep 0.5
    ALLOW_BODY=$work/allow.json DENY_BODY=$work/deny.json ALLOW_MARK='"ALLOW"' wrk -t2 -c32 -d"${SECS}s" -s "$LUA" \
      "http://127.0.0.1:8191/v1/$e" > "$work/$e-$r.wrk" 2>&1
    wait "$rec" || true
  done
done
"$(dirname "$JAVA")/jcmd" "$pid" Compiler.perfmap >/dev/null
for e in authorize noop; do
  : > "$work/$e.txt"
  req=0
  for r in $(seq 1 "$ROUNDS"); do
    perf script -F comm,ip,sym,dso -i "$work/$e-$r.data" 2>/dev/null >> "$work/$e.txt"
    req=$(( req + $(awk '/requests in/ {print $1}' "$work/$e-$r.wrk") ))
    grep -h 'non2xx=' "$work/$e-$r.wrk" | sed "s/^/# $e round $r: /"
  done
  echo "$req" > "$work/$e.req"
done
python3 - "$work" "$HZ" "${INCL:-}" <<'PY'
import sys, re, collections
work, hz, incl = sys.argv[1], float(sys.argv[2]), [re.compile(x) for x in sys.argv[3].split()]
def component(sym, dso):
    if dso.startswith('[kernel') or dso.startswith('[unknown]') and sym.startswith('0x'): pass
    if 'kernel' in dso or dso.endswith('.ko'): return 'kernel'
    if 'libjvm' in dso: return 'jvm (' + ('gc' if re.search(r'(?i)gc|Collect|Serial|Young|Tenured|Card|Mark|Scan|Copy|oop_', sym) else 'other') + ')'
    if 'libc' in dso or 'ld-linux' in dso or 'libpthread' in dso: return 'libc'
    s = sym
    for p, n in (('Interpreter', 'interpreter'), ('StubRoutines', 'jvm stubs'), ('io.netty', 'netty'), ('io.vertx', 'vertx'),
                 ('org.jboss.resteasy', 'resteasy'), ('io.quarkus.vertx.http', 'quarkus-http'), ('io.quarkus.resteasy', 'quarkus-rest'),
                 ('io.quarkus.arc', 'arc'), ('io.quarkus', 'quarkus'), ('io.micrometer', 'micrometer'), ('io.prometheus', 'micrometer'),
                 ('io.iamgate.api', 'iamgate.api'), ('io.iamgate', 'iamgate engine'), ('io.smallrye', 'smallrye'),
                 ('java.', 'jdk'), ('jdk.', 'jdk'), ('sun.', 'jdk'), ('com.fasterxml', 'jackson'), ('com.github.benmanes', 'caffeine')):
        if p in s: return n
    return 'other java' if ('perf-' in dso or '.map' in dso or 'jitted' in dso) else 'other (' + dso.rsplit('/', 1)[-1] + ')'
res = {}
for e in ('authorize', 'noop'):
    req = int(open(f'{work}/{e}.req').read())
    comp, threads, inc = collections.Counter(), collections.Counter(), collections.Counter()
    stack, comm = [], None
    def flush():
        if not stack: return
        sym, dso = stack[0]
        th = re.sub(r'[-#]?\d+$', '', comm or '?')
        threads[th] += 1
        comp[(th if th.startswith('vert.x-eventloo') else 'other threads') + ' | ' + component(sym, dso)] += 1
        for i, rx in enumerate(incl):
            if any(rx.search(s) for s, _ in stack): inc[incl[i].pattern] += 1
    for line in open(f'{work}/{e}.txt', errors='replace'):
        if not line.strip():
            flush(); stack, comm = [], None; continue
        if not line.startswith((' ', '\t')):
            flush(); stack = []; comm = line.strip() or '?'; continue
        m = re.match(r'\s*[0-9a-f]+\s+(.*)\s+\((.*)\)\s*$', line)
        if m: stack.append((m.group(1), m.group(2)))
    flush()
    us = lambda n: n / hz / req * 1e6
    res[e] = (req, comp, threads, inc, us)
ra, rn = res['authorize'], res['noop']
print(f"requests: authorize {ra[0]}, noop {rn[0]}; us of CPU per request (samples / {hz:.0f} Hz / requests)")
print(f"{'':58s} {'authorize':>9s} {'noop':>9s} {'diff':>7s}")
tot = lambda r: sum(r[1].values())
print(f"{'ALL':58s} {ra[4](tot(ra)):9.2f} {rn[4](tot(rn)):9.2f} {ra[4](tot(ra)) - rn[4](tot(rn)):7.2f}")
for k in sorted(set(ra[1]) | set(rn[1]), key=lambda k: -(ra[4](ra[1][k]) - rn[4](rn[1][k]))):
    a, n = ra[4](ra[1][k]), rn[4](rn[1][k])
    if max(a, n) >= 0.03: print(f"{k:58s} {a:9.2f} {n:9.2f} {a - n:7.2f}")
print("-- threads")
for k in sorted(set(ra[2]) | set(rn[2]), key=lambda k: -ra[2][k]):
    a, n = ra[4](ra[2][k]), rn[4](rn[2][k])
    if max(a, n) >= 0.03: print(f"{k:58s} {a:9.2f} {n:9.2f} {a - n:7.2f}")
if incl:
    print("-- inclusive (stack contains)")
    for rx in incl:
        a, n = ra[4](ra[3][rx.pattern]), rn[4](rn[3][rx.pattern])
        print(f"{rx.pattern:58s} {a:9.2f} {n:9.2f} {a - n:7.2f}")
PY
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP"; cp "$work"/*.data "$work"/*.txt "$work"/*.wrk /tmp/perf-"$pid".map "$KEEP"/ 2>/dev/null || true; fi
rm -f /tmp/perf-"$pid".map
