#!/usr/bin/env python3
# Main-thread JFR samples of one start grouped by the Quarkus build step (generated io.quarkus.runner.recorded.* class)
# they ran under (BENCHMARKS.md issue 19, "JVM start-up, eighth round"):
#   java ... -XX:StartFlightRecording=filename=s.jfr,jdk.ExecutionSample#period=1ms -jar quarkus-run.jar  (until ready, then stop)
#   jfr print --events jdk.ExecutionSample --stack-depth 300 s.jfr | python3 bench/jfr-main-steps.py
import sys, re, collections
text=sys.stdin.read()
events=text.split('jdk.ExecutionSample {')[1:]
cnt=collections.Counter(); total=0
for e in events:
    m=re.search(r'sampledThread = "([^"]*)"',e)
    if not m or m.group(1)!='main': continue
    frames=re.findall(r'^\s+([\w$.<>/]+)\(',e,re.M)
    total+=1
    label=None
    for f in reversed(frames):  # outermost first
        if f.startswith('io.quarkus.runner.recorded.'):
            label=f.split('.')[-2].split('$')[0]; break
    if label is None:
        # first non-JDK outermost frame below main
        label='other:'+next((f for f in frames[::-1][2:6] if 'iamgate' in f or 'quarkus' in f), frames[-1] if frames else '?')
        # where does it sit: innermost interesting
        inner=[f for f in frames if 'iamgate' in f]
        if inner: label='iamgate:'+inner[-1]
    cnt[label]+=1
print('main samples',total)
for k,v in cnt.most_common(40): print(v,k)
