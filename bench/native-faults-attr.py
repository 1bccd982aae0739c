#!/usr/bin/env python3
# First-touched 64 KB windows of a native executable per start-up step (BENCHMARKS.md issue 19, ninth round): after
#   CALLGRAPH=1 bench/native-faults.sh URL EXE ARGS...   (a build with -H:-DeleteLocalSymbols,-H:+PreserveFramePointer)
#   perf script -i RAW/pf.data -F ip,sym,addr > RAW/ps.txt; bench/native-faults-attr.py RAW/ps.txt RAW/maps EXE-NAME [TOP]
# Regions: code (r-x), image heap read-only / writable (the mapping above the Java heap). A window first touched
# by one step may be touched later by others: only differential builds say what a change saves.
import sys, re, collections
ps, maps = sys.argv[1], sys.argv[2]
exe = sys.argv[3] if len(sys.argv) > 3 else 'runner'
regions = []
for line in open(maps):
    parts = line.split()
    if len(parts) >= 6 and exe in parts[5]:
        a, b = [int(x, 16) for x in parts[0].split('-')]
        perm = parts[1]
        if perm.startswith('r-x'): kind = 'code'
        elif a >= 0x7f0000000000 and perm.startswith('r--'): kind = 'heap-ro'
        elif a >= 0x7f0000000000 and perm.startswith('rw'): kind = 'heap-rw'
        else: kind = 'elf-' + perm
        regions.append((a, b, kind))
def region(addr):
    for a, b, k in regions:
        if a <= addr < b: return k
    return None
SKIP = re.compile(r'^(PosixPlatformThreads|PlatformThreads|JavaThreads|Thread_run|Thread_callRun|IsolateEnterStub|FutureTask|ThreadPoolExecutor|__clone|start_thread|ThreadPerTaskExecutor|ContextInternal|EventLoop|SingleThreadEventExecutor|FastThreadLocalRunnable|ThreadExecutorMap|VertxThread|Thread_runWith|\[unknown\]|CallStubs|JavaMainWrapper|__libc_start|_start|Quarkus_run|QuarkusMain|Main_main|Application_start|StartupContext|ArcContainerImpl)')
events = []
cur = None
for line in open(ps):
    if not line.strip():
        if cur: events.append(cur); cur = None
        continue
    if not line.startswith('\t'):
        p = line.split()
        cur = [int(p[0], 16), []]
    else:
        p = line.split(None, 1)
        sym = p[1].strip() if len(p) > 1 else '?'
        cur[1].append(sym)
if cur: events.append(cur)
seen = set()
tot = collections.Counter(); by = collections.defaultdict(collections.Counter)
for addr, stack in events:
    k = region(addr)
    if not k: continue
    w = (k, addr >> 16)
    if w in seen: continue
    seen.add(w)
    frames = [re.sub(r'_[A-Za-z0-9]{20,}$', '', s) for s in reversed(stack)]  # outermost first
    label = None
    for i, f in enumerate(frames):
        if f.startswith('ApplicationImpl_doStart') and i + 1 < len(frames):
            label = 'step:' + frames[i+1]; break
    if label is None:
        rest = [f for f in frames if not SKIP.match(f)]
        label = (rest[0] if rest else (frames[-1] if frames else '?'))
        if any('Main_main' in f for f in frames) and not any('ApplicationImpl' in f for f in frames): label = 'main:' + label
    tot[k] += 1; by[label][k] += 1
print('windows (64 KB) first touched:', dict(tot))
rows = sorted(by.items(), key=lambda kv: -sum(kv[1].values()))
for label, c in rows[:int(sys.argv[4]) if len(sys.argv) > 4 else 60]:
    print('%4d  code %3d ro %3d rw %3d  %s' % (sum(c.values()), c['code'], c['heap-ro'], c['heap-rw'], label[:150]))
