#!/usr/bin/env python3
# Which 64 KB windows of a running native executable's mappings are resident (BENCHMARKS.md issue 19, "Native, tenth
# round"): one line per mapping of the executable larger than 1 MB (code r-x, image heap r--/rw-), then a map of its
# windows, 64 per row: '#' all 4 KB pages of the window resident, ' ' none, a digit the tenths resident.
# File-backed windows are all-or-nothing: the kernel maps up to 64 KB around each read fault ("fault-around").
#   bench/native-pagemap.py PID [WINDOW_KB]        (reads /proc/PID/pagemap: the present bit needs no privilege)
import os, struct, sys
pid = sys.argv[1]
window = int(sys.argv[2]) * 1024 if len(sys.argv) > 2 else 64 * 1024
exe = os.readlink('/proc/%s/exe' % pid)
with open('/proc/%s/pagemap' % pid, 'rb') as pm:
    for line in open('/proc/%s/maps' % pid):
        p = line.split()
        if len(p) < 6 or p[5] != exe:
            continue
        lo, hi = [int(x, 16) for x in p[0].split('-')]
        if hi - lo < 1 << 20:
            continue
        pm.seek(lo // 4096 * 8)
        data = pm.read((hi - lo) // 4096 * 8)
        present = [(struct.unpack_from('<Q', data, i * 8)[0] >> 63) & 1 for i in range((hi - lo) // 4096)]
        n = window // 4096
        row = []
        for b in range(0, len(present), n):
            c = sum(present[b:b + n])
            row.append(' ' if c == 0 else '#' if c == n else str(min(9, c * 10 // n)))
        print('%s %s offset %s: %d KB, resident %d KB' % (p[0], p[1], p[2], (hi - lo) >> 10, sum(present) * 4))
        for i in range(0, len(row), 64):
            print('  %7d KB |%s|' % (i * window // 1024, ''.join(row[i:i + 64])))
