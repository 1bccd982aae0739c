# Concurrent POSTs with or without a chunked Transfer-Encoding against a sidecar on 127.0.0.1:33181 (review, tenth round):
# python3 bench/chunked-budget-repro.py /v1/authorize 40 200 chunked BODY.json -> counts of status codes. A chunked body
# reserves iamgate.http.max-body-size (1 MiB) of max-inflight-bytes (16 MiB in wip-red, 64 MiB again at merge) until its answer is written,
# so with 16 MiB more than 16 concurrent chunked requests of any size drew 503 (1,601 of 8,000 at 40); at 64 MiB, 0.
import http.client, threading, sys, collections, json
url_path=sys.argv[1]; conc=int(sys.argv[2]); n=int(sys.argv[3]); chunked=sys.argv[4]=="chunked"
body=open(sys.argv[5],'rb').read()
codes=collections.Counter(); lock=threading.Lock()
def worker():
    c=http.client.HTTPConnection("127.0.0.1",33181)
    for i in range(n):
        try:
            if chunked:
                c.request("POST",url_path,body=iter([body]),headers={"Content-Type":"application/json"},encode_chunked=True)
            else:
                c.request("POST",url_path,body=body,headers={"Content-Type":"application/json"})
            r=c.getresponse(); r.read()
            with lock: codes[r.status]+=1
            if r.getheader("Connection")=="close": c.close(); c=http.client.HTTPConnection("127.0.0.1",33181)
        except Exception as e:
            with lock: codes[type(e).__name__]+=1
            c.close(); c=http.client.HTTPConnection("127.0.0.1",33181)
ts=[threading.Thread(target=worker) for _ in range(conc)]
[t.start() for t in ts]; [t.join() for t in ts]
print(url_path, "conc",conc,"chunked" if chunked else "length", dict(codes))
