#!/usr/bin/env bash
# The cost of the forward-auth gate: wrk through nginx with auth_request to the sidecar (a valid session
# cookie on every request) vs the same nginx proxying the same backend without auth_request. The
# backend is an nginx location answering a constant, so the difference is the gate itself: nginx's
# subrequest plus the sidecar's /v1/forward-auth. Alternates the two targets round by round.
#
#   bench/forward-auth-bench.sh [ROUNDS] [SECONDS]        (default 3 rounds of 10 s per target)
#
# Needs nginx (apt-get install nginx-light) and wrk; builds the jar if missing. Listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECS=${2:-10}
. bench/_common.sh
command -v /usr/sbin/nginx >/dev/null || { echo "needs nginx (apt-get install nginx-light)"; exit 2; }
scratch

KEY=$(head -c 32 /dev/urandom | base64)
"$JAVA" -Xmx512m -Dquarkus.http.port=8181 -Dquarkus.management.port=9181 -Diamgate.presign.signing-key="$KEY" \
  -Diamgate.presign.base-url=http://127.0.0.1:18380 -Diamgate.presign.cookie-secure=false -Dquarkus.log.level=WARN \
  -jar target/quarkus-app/quarkus-run.jar > "$work/iamgate.log" 2>&1 &
pids+=($!)
wait_ready 8181

mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  upstream iamgate_sidecar { server 127.0.0.1:8181; keepalive 16; }
  upstream backend { server 127.0.0.1:18382; keepalive 16; }
  server { listen 127.0.0.1:18382; location / { return 200 "notebook\n"; } }   # the stand-in notebook
  server {                                                                     # gated, as k8s/base/gateway.conf
    listen 127.0.0.1:18380;
    location /notebook-instances/ {
      if (\$arg_authtoken) { rewrite ^ /_iamgate_exchange last; }
      auth_request /_iamgate_auth;
      proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection "";
    }
    location = /_iamgate_exchange {
      internal;
      auth_request /_iamgate_auth;
      auth_request_set \$iamgate_cookie \$upstream_http_set_cookie;
      auth_request_set \$iamgate_redirect \$upstream_http_x_iamgate_redirect;
      try_files /.none @exchanged;
    }
    location @exchanged { add_header Set-Cookie \$iamgate_cookie always; return 302 \$iamgate_redirect; }
    location = /_iamgate_auth {
      internal;
      proxy_pass http://iamgate_sidecar/v1/forward-auth;
      proxy_pass_request_body off; proxy_set_header Content-Length "";
      proxy_set_header X-Original-URI \$request_uri; proxy_set_header X-Forwarded-Uri "";
      proxy_set_header X-Forwarded-Host \$host; proxy_set_header Cookie \$http_cookie;
      proxy_http_version 1.1; proxy_set_header Connection "";
    }
  }
  server {                                                                     # the same backend, ungated
    listen 127.0.0.1:18381;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"
trap 'kill $(cat "$work/nginx/nginx.pid") 2>/dev/null || true; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

ACC=111122223333   # the embedded demo bundle's account
url=$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"principal\":{\"arn\":\"arn:aws:sts::$ACC:assumed-role/DataScientist/alice\"},\"notebookInstanceName\":\"alice-nb\"}" \
  127.0.0.1:8181/v1/presigned-urls/notebook-instance | sed 's/.*"authorizedUrl":"\([^"]*\)".*/\1/')
cookie=$(curl -s -o /dev/null -D - "$url" | tr -d '\r' | awk -F': ' 'tolower($1)=="set-cookie" {print $2}' | cut -d';' -f1)
[ -n "$cookie" ] || { echo "no session cookie from $url"; exit 1; }
path=/notebook-instances/alice-nb/lab/tree/x.ipynb
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "127.0.0.1:18380$path")" = 200 ] || { echo "the gated request failed"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:18380$path")" = 401 ] || { echo "the gate let a request without a cookie through"; exit 1; }

run() { # name url
  local out rps p50 p99 bad
  out=$(wrk -t2 -c32 -d"${SECS}s" --latency -H "Cookie: $cookie" "$2" 2>&1)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  bad=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  printf "%-28s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n" "$1" "$rps" "$p50" "$p99" "${bad:-0}"
  echo "$1 $rps" >> "$work/results"
}
for u in "http://127.0.0.1:18380$path" "http://127.0.0.1:18381$path"; do wrk -t2 -c32 -d5s -H "Cookie: $cookie" "$u" >/dev/null 2>&1; done
echo "wrk -t2 -c32 -d${SECS}s, $ROUNDS rounds, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $(/usr/sbin/nginx -v 2>&1), java: $("$JAVA" -version 2>&1 | head -1)"
for r in $(seq 1 "$ROUNDS"); do
  echo "-- round $r"
  run "nginx + auth_request" "http://127.0.0.1:18380$path"
  run "nginx proxy, no gate" "http://127.0.0.1:18381$path"
done
echo "-- medians"
for name in "nginx + auth_request" "nginx proxy, no gate"; do
  grep "^$name " "$work/results" | awk '{print $NF}' | sort -n | awk -v n="$name" '{a[NR]=$1} END {printf "%-28s %10.0f req/s\n", n, a[int((NR+1)/2)]}'
done | tee "$work/medians"
awk '/auth_request/ {g=$(NF-1)} /no gate/ {n=$(NF-1)} END {printf "gated/ungated %.0f%%\n", 100*g/n}' "$work/medians"
