#!/usr/bin/env bash
# Where a native executable's start touches memory (BENCHMARKS.md issue 19, "Native, seventh round"):
# resident KB per region at idle (/proc/PID/smaps: code, read-only image heap, writable image heap, anonymous), and the
# page faults (first touches) from launch to ready + IDLE seconds, per region and per class of the faulting code.
#   IDLE=2 TOP=25 bench/native-faults.sh READY_URL EXECUTABLE [ARGS...]
#   TOP=25 bench/native-faults.sh --again RAWDIR EXECUTABLE      (the same report from an earlier run's raw files)
#   CALLGRAPH=1: record call stacks too (perf script -i RAWDIR/pf.data -F ip,sym,addr shows them)
# Build the executable with symbols for the package names:
#   -Dquarkus.native.additional-build-args-append=-H:-DeleteLocalSymbols,-H:+PreserveFramePointer
# Needs perf (perf_event_paranoid <= 2 for your own processes). File-backed regions: the kernel maps up to 64 KB around
# each read fault ("fault-around"), so resident KB can exceed 4 KB x faults there.
set -euo pipefail
idle=${IDLE:-2}; top=${TOP:-25}
if [ "$1" = --again ]; then
  out=$2; exe=$3
else
url=$1; exe=$2; shift 2
out=$(mktemp -d /tmp/native-faults.XXXXXX)
perf record -q -e page-faults -c 1 -d ${CALLGRAPH:+-g} -o "$out/pf.data" -- "$exe" "$@" > "$out/log" 2>&1 &
perfpid=$!
pid=
for _ in $(seq 400); do
  pid=$(pgrep -P "$perfpid" -n || true); [ -n "$pid" ] && break; sleep 0.01
done
until curl -sf -o /dev/null "$url"; do sleep 0.005; done
sleep "$idle"
cp "/proc/$pid/maps" "$out/maps"; cp "/proc/$pid/smaps" "$out/smaps"
kill "$pid"; wait "$perfpid" 2>/dev/null || true
fi
real=$(readlink -f "$exe")
# region of each mapping: code (r-x of the executable), ro (r-- of the executable: read-only image heap, ELF data),
# rw (rw- of the executable: writable image heap), anon (no file: Java heap, stacks, malloc), lib (other files)
awk -v exe="$real" '
  /^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); perm = $2; file = $6
    region = (file == exe) ? (perm ~ /x/ ? "code" : (perm ~ /w/ ? "rw" : "ro")) : (file == "" || file ~ /^\[/ ? "anon" : "lib")
    next }
  /^Rss:/ { rss[region] += $2 }
  END { for (r in rss) printf "resident %-5s %7d KB\n", r, rss[r] }' "$out/smaps" | sort
perf script -G -i "$out/pf.data" -F ip,sym,addr 2>/dev/null | awk -v exe="$real" -v top="$top" '
  FNR == NR { split($1, a, "-"); n++; lo[n] = a[1]; hi[n] = a[2]; perm = $2; file = $6
    reg[n] = (file == exe) ? (perm ~ /x/ ? "code" : (perm ~ /w/ ? "rw" : "ro")) : (file == "" || file ~ /^\[/ ? "anon" : "lib"); next }
  { addr = $1; sym = $4   # perf prints: address, its symbol, ip, the symbol of the faulting code
    r = "anon"; x = sprintf("%016s", addr); gsub(/ /, "0", x)
    for (i = 1; i <= n; i++) { l = sprintf("%016s", lo[i]); h = sprintf("%016s", hi[i]); gsub(/ /, "0", l); gsub(/ /, "0", h)
      if (x >= l && x < h) { r = reg[i]; break } }
    pkg = sym; sub(/_.*/, "", pkg)   # GraalVM local symbols: Class_method_hash (no package)
    if (pkg == "" || pkg == "[unknown]") pkg = "?"
    faults[r]++; by[r SUBSEP pkg]++ }
  END { for (r in faults) printf "faults %-5s %6d\n", r, faults[r]
        for (k in by) { split(k, q, SUBSEP); printf "%-5s %6d %s\n", q[1], by[k], q[2] } }' "$out/maps" - \
  | sort -k1,1 -k2,2nr | awk -v top="$top" '/^faults/ { print; next } { if (++c[$1] <= top) print }'
echo "raw: $out (pf.data, maps, smaps, log)"
