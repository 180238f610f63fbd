#!/usr/bin/env bash
# compare.sh: the gateway side by side with its anchors, on one machine, in one run, over loopback only.
#
# Targets, all in front of the same benchmark upstream:
#   direct       the upstream itself (the floor every proxy adds to)
#   nginx        nginx-light as a plain proxy (keep-alive upstream pool, proxy_buffering off)
#   haproxy-jwt  HAProxy 2.6 verifying the RS256 JWT (jwt_verify) and its iss, aud and exp; 401 otherwise
#   bare-netty   a reverse proxy on bare Reactor Netty (no Spring): the JVM floor
#   stock-scg    stock Spring Cloud Gateway, one route, no security
#   gateway      mcp-auth-gateway with JWT validation, a tool map, a tenant rate limit and its whole pipeline
#   gateway-baseline  optional: another build of the gateway (BASELINE_GATEWAY_JAR, e.g. main before a change) on the
#                same routes, for a before/after ratio in one run
#
# Each JVM target starts fresh; its first 10 s at full load are measured, then it warms up at full load in
# WINDOW_SECONDS windows (the time until a window reaches 90 % of the target's steady throughput is reported).
# Then ROUNDS interleaved rounds measure every target at full load and at two fixed rates, and the gateway
# with a new token on every request. Results: a Markdown table on stdout and in RESULTS.
# See load-tests/README.md for every variable. Every loop is bounded; everything started is stopped on exit.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

WARMUP_SECONDS=${WARMUP_SECONDS:-180}     # per JVM target, at full load, the first 10 s included
ROUND_SECONDS=${ROUND_SECONDS:-30}        # each full-load measurement
FIXED_SECONDS=${FIXED_SECONDS:-$ROUND_SECONDS}   # each fixed-rate measurement
NEW_TOKEN_SECONDS=${NEW_TOKEN_SECONDS:-10}     # each new-token measurement; needs NEW_TOKENS_PER_ROUND ≥ rate × this
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}            # full load
WRK_THREADS=${WRK_THREADS:-2}
CACHED_TOKENS=${CACHED_TOKENS:-8}
NEW_TOKENS_PER_ROUND=${NEW_TOKENS_PER_ROUND:-60000}
TARGETS=${TARGETS:-"direct nginx haproxy-jwt bare-netty stock-scg gateway"}
BASELINE_GATEWAY_JAR=${BASELINE_GATEWAY_JAR:-}   # with TARGETS containing gateway-baseline
GATEWAY_EXTRA_FLAGS=${GATEWAY_EXTRA_FLAGS:-}     # JVM flags for the gateway only (after JVM_FLAGS), e.g. to compare
BASELINE_EXTRA_FLAGS=${BASELINE_EXTRA_FLAGS:-}   # a setting against gateway-baseline on the same jar in one run
JAVA_HOME_FOR_TARGETS=${JAVA_HOME_FOR_TARGETS:-}
JVM_FLAGS=${JVM_FLAGS:-"-Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
UPSTREAM_JVM_FLAGS=${UPSTREAM_JVM_FLAGS:-"-Xms512m -Xmx512m -XX:+UseParallelGC"}
AOT=${AOT:-auto}                          # auto: measure the gateway's first 10 s with a JDK 25 AOT cache if JDK 25 exists
JDK25_HOME=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
AOT_TRAINING_SECONDS=${AOT_TRAINING_SECONDS:-30}
WINDOW_SECONDS=${WINDOW_SECONDS:-5}       # warm-up measured in windows this long, for the time to 90 % of steady
JDK25_WARM_SECONDS=${JDK25_WARM_SECONDS:-60}   # how long the JDK 25 starts (with and without AOT cache) are followed
WARM_UP_SECONDS=${WARM_UP_SECONDS:-30}    # the gateway once more with gateway.warm-up.duration, measured from readiness; 0: skip
READY_FOLLOW_SECONDS=${READY_FOLLOW_SECONDS:-30}   # how long that start is followed after readiness, in windows
TARGET_CPUS=${TARGET_CPUS:-}              # optional taskset CPU lists, e.g. TARGET_CPUS=0 LOADGEN_CPUS=1 UPSTREAM_CPUS=1
LOADGEN_CPUS=${LOADGEN_CPUS:-}
UPSTREAM_CPUS=${UPSTREAM_CPUS:-}
RESULTS=${RESULTS:-"$LOAD_TESTS_DIR/results/compare-$(date +%Y%m%d-%H%M%S).md"}
KEEP_WORK=${KEEP_WORK:-0}

UPSTREAM_PORT=19100
declare -A PORT=([direct]=19100 [nginx]=19201 [haproxy-jwt]=19202 [bare-netty]=19203 [stock-scg]=19204 [gateway]=19205 [gateway-baseline]=19207)
AOT_PORT=19206
ISSUER="http://127.0.0.1:$UPSTREAM_PORT"
GATEWAY_ORIGIN="http://127.0.0.1:${PORT[gateway]}"
AUDIENCE="$GATEWAY_ORIGIN/bench/mcp"
MCP_PATH=/bench/mcp
LUA="$LOAD_TESTS_DIR/wrk/mcp-tools-call.lua"

TARGET_JAVA=java
[ -n "$JAVA_HOME_FOR_TARGETS" ] && TARGET_JAVA="$JAVA_HOME_FOR_TARGETS/bin/java"

WORK=$(mktemp -d /tmp/mcp-compare.XXXXXX)
chmod 755 "$WORK"   # nginx workers (www-data) read their configuration and write temp files here
RAW="$WORK/raw.tsv"
: >"$RAW"

cleanup() {
  stop_all
  if [ "$KEEP_WORK" = 1 ]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_packages nginx=nginx-light haproxy=haproxy wrk=wrk curl=curl
ensure_jars
mkdir -p "$(dirname "$RESULTS")"

# ---------------------------------------------------------------------------------------------------------------
# wrk runs. Every run is bounded by -d; the Lua script prints one RESULT line.

# run_wrk LABEL URL SECONDS CONNECTIONS DELAY_MS MODE [OFFSET LIMIT TOKEN_FILE]: appends "LABEL <RESULT fields>" to RAW.
run_wrk() {
  local label=$1 url=$2 seconds=$3 connections=$4 delay=$5 mode=$6 offset=${7:-0} limit=${8:-0}
  local tokens=${9:-$WORK/cached-tokens.txt} threads=$WRK_THREADS out
  [ "$connections" -lt "$threads" ] && threads=$connections
  local pin=()
  [ -n "$LOADGEN_CPUS" ] && pin=(taskset -c "$LOADGEN_CPUS")
  out=$(TOKEN_FILE=$tokens MCP_PATH=$MCP_PATH TOKEN_MODE=$mode CACHED_TOKENS=$CACHED_TOKENS TOKEN_OFFSET=$offset \
        TOKEN_LIMIT=$limit DELAY_MS=$delay WRK_THREADS=$threads \
        "${pin[@]}" wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$LUA" "$url" 2>&1 | grep '^RESULT' || true)
  if [ -z "$out" ]; then
    log "wrk printed no result for $label"
    out="RESULT requests=0 seconds=0 rps=0 p50_us=0 p99_us=0 non2xx=0 socket_errors=1 tokens_wrapped=0"
  fi
  printf '%s\t%s\n' "$label" "${out#RESULT }" >>"$RAW"
  log "$label: ${out#RESULT }"
}

url_of() {
  echo "http://127.0.0.1:${PORT[$1]}$MCP_PATH"
}

# ---------------------------------------------------------------------------------------------------------------
# Targets.

start_upstream() {
  start upstream "$WORK/upstream.log" "$UPSTREAM_CPUS" java $UPSTREAM_JVM_FLAGS -jar "$TOOLS_JAR" upstream \
    --port=$UPSTREAM_PORT --keys-dir="$WORK/keys"
  wait_for_line "$WORK/upstream.log" '^READY' 60 "$LAST_PID"
}

write_nginx_conf() {
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  upstream bench {
    server 127.0.0.1:$UPSTREAM_PORT;
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${PORT[nginx]} backlog=4096;
    location / {
      proxy_pass http://bench;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
EOF
}

write_haproxy_cfg() {
  cat >"$WORK/haproxy.cfg" <<EOF
global
  maxconn 8000   # two descriptors per proxied connection must fit under this machine's 20,000 open files
defaults
  mode http
  timeout connect 2s
  timeout client 1h
  timeout server 1h
  option http-keep-alive
  http-reuse always
frontend bench
  bind 127.0.0.1:${PORT[haproxy-jwt]}
  http-request set-var(txn.bearer) http_auth_bearer
  acl has_token var(txn.bearer) -m found
  http-request set-var(txn.alg) var(txn.bearer),jwt_header_query('\$.alg') if has_token
  http-request set-var(txn.iss) var(txn.bearer),jwt_payload_query('\$.iss') if has_token
  http-request set-var(txn.aud) var(txn.bearer),jwt_payload_query('\$.aud') if has_token
  http-request set-var(txn.exp) var(txn.bearer),jwt_payload_query('\$.exp','int') if has_token
  http-request set-var(txn.now) date()
  acl alg_ok var(txn.alg) -m str RS256
  acl iss_ok var(txn.iss) -m str $ISSUER
  acl aud_ok var(txn.aud) -m str $AUDIENCE
  acl exp_ok var(txn.exp),sub(txn.now) -m int gt 0
  acl signature_ok var(txn.bearer),jwt_verify(txn.alg,"$WORK/keys/signing-key.pub.pem") -m int 1
  http-request deny status 401 hdr WWW-Authenticate 'Bearer error="invalid_token"' unless has_token alg_ok iss_ok aud_ok exp_ok signature_ok
  default_backend upstream
backend upstream
  server upstream 127.0.0.1:$UPSTREAM_PORT maxconn 2000
EOF
}

start_nginx() {
  write_nginx_conf
  start nginx "$WORK/nginx/stdout.log" "$TARGET_CPUS" nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon off;'
  PID_OF[nginx]=$LAST_PID
}

start_haproxy() {
  write_haproxy_cfg
  haproxy -c -q -f "$WORK/haproxy.cfg"
  start haproxy "$WORK/haproxy.log" "$TARGET_CPUS" haproxy -db -f "$WORK/haproxy.cfg"
  PID_OF[haproxy-jwt]=$LAST_PID
}

# start_jvm_target NAME JAVA EXTRA_FLAGS PORT: a fresh JVM of the target, on JVM_FLAGS (+ EXTRA_FLAGS).
start_jvm_target() {
  local name=$1 java=$2 extra=$3 port=$4 settings=${5:-}
  case "$name" in
    bare-netty)
      start "$name" "$WORK/$name.log" "$TARGET_CPUS" "$java" $JVM_FLAGS $extra -jar "$TOOLS_JAR" bare-proxy \
        --port="$port" --upstream="$ISSUER" ;;
    stock-scg)
      start "$name" "$WORK/$name.log" "$TARGET_CPUS" "$java" $JVM_FLAGS $extra -jar "$TOOLS_JAR" stock-scg \
        --server.port="$port" --bench.upstream="$ISSUER" ;;
    gateway-baseline)
      start "$name" "$WORK/$name.log" "$TARGET_CPUS" "$java" $JVM_FLAGS $BASELINE_EXTRA_FLAGS $extra -jar "$BASELINE_GATEWAY_JAR" \
        --gateway.routes-file="$WORK/config/routes.yaml" --server.port="$port" --management.server.port="$port" \
        --server.address=127.0.0.1 ;;
    gateway*)
      start "$name" "$WORK/$name.log" "$TARGET_CPUS" "$java" $JVM_FLAGS $GATEWAY_EXTRA_FLAGS $extra -jar "${GATEWAY_RUN_JAR:-$GATEWAY_JAR}" \
        --gateway.routes-file="$WORK/config/routes.yaml" --server.port="$port" --management.server.port="$port" \
        --server.address=127.0.0.1 $settings ;;
  esac
  PID_OF[$name]=$LAST_PID
}

# warm_windows NAME UNTIL: full load in WINDOW_SECONDS windows from 10 s after the first answer until UNTIL s, each
# recorded as "NAME warm<END>" (END: seconds since the first answer) for the time-to-90 %-of-steady line.
warm_windows() {
  local name=$1 until=$2 elapsed=10 window
  while [ "$elapsed" -lt "$until" ]; do
    window=$WINDOW_SECONDS
    [ $((elapsed + window)) -gt "$until" ] && window=$((until - elapsed))
    run_wrk "$name warm$((elapsed + window))" "$(url_of "$name")" "$window" "$CONNECTIONS" 0 cached
    elapsed=$((elapsed + window))
  done
}

# first_ten_and_warm NAME: the first 10 s at full load right after the first answer, then the rest of the warm-up.
first_ten_and_warm() {
  local name=$1
  wait_for_mcp "$(url_of "$name")" "$FIRST_TOKEN" 120 "${PID_OF[$name]}"
  run_wrk "$name first10" "$(url_of "$name")" 10 "$CONNECTIONS" 0 cached
  warm_windows "$name" "$WARMUP_SECONDS"
}

declare -A PID_OF

# ---------------------------------------------------------------------------------------------------------------
# Set-up.

if [[ " $TARGETS " == *" gateway-baseline "* ]] && [ ! -f "$BASELINE_GATEWAY_JAR" ]; then
  echo "TARGETS has gateway-baseline: set BASELINE_GATEWAY_JAR to the jar of the build to compare with" >&2
  exit 2
fi
log "work directory $WORK; targets on $("$TARGET_JAVA" -version 2>&1 | head -1)"
start_upstream
java -jar "$TOOLS_JAR" mint --keys-dir="$WORK/keys" --issuer="$ISSUER" --audience="$AUDIENCE" \
  --count="$CACHED_TOKENS" --out="$WORK/cached-tokens.txt" >/dev/null
FIRST_TOKEN=$(head -1 "$WORK/cached-tokens.txt")
NEW_TOKENS=$((NEW_TOKENS_PER_ROUND * ROUNDS))
case " $TARGETS " in *" gateway "*|*" gateway-baseline "*)
  log "minting $NEW_TOKENS distinct tokens for the new-token-per-request runs"
  java -jar "$TOOLS_JAR" mint --keys-dir="$WORK/keys" --issuer="$ISSUER" --audience="$AUDIENCE" \
    --count="$NEW_TOKENS" --out="$WORK/new-tokens.txt" >/dev/null ;;
esac
routes_yaml "$WORK/config/routes.yaml" "$GATEWAY_ORIGIN" "$ISSUER" 100000 100000

for target in $TARGETS; do
  case "$target" in
    direct) wait_for_mcp "$(url_of direct)" "$FIRST_TOKEN" 30 "" ;;
    nginx) start_nginx; wait_for_mcp "$(url_of nginx)" "$FIRST_TOKEN" 30 "${PID_OF[nginx]}" ;;
    haproxy-jwt) start_haproxy; wait_for_mcp "$(url_of haproxy-jwt)" "$FIRST_TOKEN" 30 "${PID_OF[haproxy-jwt]}" ;;
  esac
done
if [[ " $TARGETS " == *" haproxy-jwt "* ]]; then
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$(url_of haproxy-jwt)" -H 'Authorization: Bearer x.y.z' \
    -H 'Content-Type: application/json' -d '{}')
  [ "$status" = 401 ] || { log "HAProxy let a forged token through (status $status)"; exit 1; }
fi

for target in $TARGETS; do
  case "$target" in
    bare-netty|stock-scg|gateway|gateway-baseline)
      start_jvm_target "$target" "$TARGET_JAVA" "" "${PORT[$target]}"
      first_ten_and_warm "$target" ;;
  esac
done

# ---------------------------------------------------------------------------------------------------------------
# Interleaved rounds: every target once per round, so drift on a shared machine hits them alike.

for round in $(seq 1 "$ROUNDS"); do
  for target in $TARGETS; do
    run_wrk "$target full" "$(url_of "$target")" "$ROUND_SECONDS" "$CONNECTIONS" 0 cached
    run_wrk "$target rate200" "$(url_of "$target")" "$FIXED_SECONDS" 4 20 cached
    run_wrk "$target rate1000" "$(url_of "$target")" "$FIXED_SECONDS" 16 16 cached
  done
  if [[ " $TARGETS " == *" gateway "* ]]; then
    run_wrk "gateway newtoken" "$(url_of gateway)" "$NEW_TOKEN_SECONDS" "$CONNECTIONS" 0 fresh \
      $(((round - 1) * NEW_TOKENS_PER_ROUND)) "$NEW_TOKENS_PER_ROUND" "$WORK/new-tokens.txt"
  fi
  if [[ " $TARGETS " == *" gateway-baseline "* ]]; then
    # The same slice: each process has its own verified-token cache, so the tokens are new to it too.
    run_wrk "gateway-baseline newtoken" "$(url_of gateway-baseline)" "$NEW_TOKEN_SECONDS" "$CONNECTIONS" 0 fresh \
      $(((round - 1) * NEW_TOKENS_PER_ROUND)) "$NEW_TOKENS_PER_ROUND" "$WORK/new-tokens.txt"
  fi
done

# ---------------------------------------------------------------------------------------------------------------
# The gateway's first 10 s (and JDK25_WARM_SECONDS in windows) on JDK 25, without and with an AOT cache (JEP 483/514) trained under load; both on the
# extracted jar (an AOT cache needs classes from plain jars on the class path, not nested ones).

if [[ " $TARGETS " == *" gateway "* ]] && { [ "$AOT" = 1 ] || { [ "$AOT" = auto ] && [ -x "$JDK25_HOME/bin/java" ]; }; }; then
  log "AOT: extracting the gateway jar and training a cache on JDK 25 for ${AOT_TRAINING_SECONDS}s"
  "$JDK25_HOME/bin/java" -Djarmode=tools -jar "$GATEWAY_JAR" extract --destination "$WORK/gateway-extracted" >/dev/null
  GATEWAY_RUN_JAR="$WORK/gateway-extracted/$(basename "$GATEWAY_JAR")"
  PORT[gateway-aot]=$AOT_PORT
  PORT[gateway-jdk25]=$AOT_PORT
  start_jvm_target gateway-jdk25 "$JDK25_HOME/bin/java" "" "$AOT_PORT"
  wait_for_mcp "$(url_of gateway-jdk25)" "$FIRST_TOKEN" 120 "${PID_OF[gateway-jdk25]}"
  run_wrk "gateway-jdk25 first10" "$(url_of gateway-jdk25)" 10 "$CONNECTIONS" 0 cached
  warm_windows gateway-jdk25 "$JDK25_WARM_SECONDS"
  stop_one "${PID_OF[gateway-jdk25]}"
  PORT[gateway-aot-training]=$AOT_PORT
  start_jvm_target gateway-aot-training "$JDK25_HOME/bin/java" "-XX:AOTCacheOutput=$WORK/gateway.aot" "$AOT_PORT"
  wait_for_mcp "$(url_of gateway-aot-training)" "$FIRST_TOKEN" 120 "${PID_OF[gateway-aot-training]}"
  run_wrk "gateway-aot training" "$(url_of gateway-aot-training)" "$AOT_TRAINING_SECONDS" "$CONNECTIONS" 0 cached
  stop_one "${PID_OF[gateway-aot-training]}" 180   # the cache is assembled at exit
  if [ -f "$WORK/gateway.aot" ]; then
    start_jvm_target gateway-aot "$JDK25_HOME/bin/java" "-XX:AOTCache=$WORK/gateway.aot" "$AOT_PORT"
    wait_for_mcp "$(url_of gateway-aot)" "$FIRST_TOKEN" 120 "${PID_OF[gateway-aot]}"
    run_wrk "gateway-aot first10" "$(url_of gateway-aot)" 10 "$CONNECTIONS" 0 cached
    warm_windows gateway-aot "$JDK25_WARM_SECONDS"
    stop_one "${PID_OF[gateway-aot]}"
  else
    log "AOT: no cache was written; see $WORK/gateway-aot-training.log"
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# The gateway with its warm-up before readiness (gateway.warm-up.duration, warmup.GatewayWarmUp): started fresh, timed
# from start to ready (/actuator/health/readiness UP, what Kubernetes waits for before it sends traffic), then its first
# 10 s at full load and READY_FOLLOW_SECONDS in windows, all counted from readiness; on JDK 25 with the AOT cache too.

# wait_for_ready NAME SECONDS: until the target's readiness group is UP; records "NAME ready<TAB>seconds=S" in RAW.
wait_for_ready() {
  local name=$1 limit=$2 started=$SECONDS
  local deadline=$((SECONDS + limit))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -s --max-time 2 "http://127.0.0.1:${PORT[$name]}/actuator/health/readiness" | grep -q '"status":"UP"'; then
      printf '%s ready\tseconds=%s\n' "$name" "$((SECONDS - started))" >>"$RAW"
      log "$name ready after $((SECONDS - started)) s"
      return 0
    fi
    if ! kill -0 "${PID_OF[$name]}" 2>/dev/null; then
      log "$name ended before it was ready"
      return 1
    fi
    sleep 0.2
  done
  log "$name was not ready after ${limit}s"
  return 1
}

# ready_first_ten NAME JAVA EXTRA: start with the warm-up, wait for readiness, then the first 10 s and the windows.
ready_first_ten() {
  local name=$1 java=$2 extra=$3
  PORT[$name]=$AOT_PORT
  start_jvm_target "$name" "$java" "$extra" "$AOT_PORT" "--gateway.warm-up.duration=${WARM_UP_SECONDS}s"
  wait_for_ready "$name" $((WARM_UP_SECONDS + 120))
  run_wrk "$name first10" "$(url_of "$name")" 10 "$CONNECTIONS" 0 cached
  warm_windows "$name" "$READY_FOLLOW_SECONDS"
  stop_one "${PID_OF[$name]}"
}

if [[ " $TARGETS " == *" gateway "* ]] && [ "$WARM_UP_SECONDS" -gt 0 ]; then
  log "the gateway with a ${WARM_UP_SECONDS}-s warm-up before readiness"
  GATEWAY_RUN_JAR=$GATEWAY_JAR ready_first_ten gateway-warm "$TARGET_JAVA" ""
  if [ -f "$WORK/gateway.aot" ]; then
    GATEWAY_RUN_JAR="$WORK/gateway-extracted/$(basename "$GATEWAY_JAR")" \
      ready_first_ten gateway-aot-warm "$JDK25_HOME/bin/java" "-XX:AOTCache=$WORK/gateway.aot"
  fi
fi

# ---------------------------------------------------------------------------------------------------------------
# Report.

WINDOW_SECONDS=$WINDOW_SECONDS WARM_UP_SECONDS=$WARM_UP_SECONDS bash "$LOAD_TESTS_DIR/lib/report.sh" "$RAW" "$ROUNDS" >"$RESULTS.tmp"
{
  echo "# compare.sh results, $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory; targets on $("$TARGET_JAVA" -version 2>&1 | head -1);"
  echo "JVM flags: \`$JVM_FLAGS\`; WARMUP_SECONDS=$WARMUP_SECONDS ROUND_SECONDS=$ROUND_SECONDS FIXED_SECONDS=$FIXED_SECONDS"
  echo "NEW_TOKEN_SECONDS=$NEW_TOKEN_SECONDS ROUNDS=$ROUNDS CONNECTIONS=$CONNECTIONS WRK_THREADS=$WRK_THREADS WINDOW_SECONDS=$WINDOW_SECONDS JDK25_WARM_SECONDS=$JDK25_WARM_SECONDS"
  echo "WARM_UP_SECONDS=$WARM_UP_SECONDS READY_FOLLOW_SECONDS=$READY_FOLLOW_SECONDS"
  echo "TARGET_CPUS=${TARGET_CPUS:-none} LOADGEN_CPUS=${LOADGEN_CPUS:-none} UPSTREAM_CPUS=${UPSTREAM_CPUS:-none}; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  cat "$RESULTS.tmp"
  echo
  echo "<details><summary>Every wrk run</summary>"
  echo
  echo '```'
  cat "$RAW"
  echo '```'
  echo "</details>"
} >"$RESULTS"
rm -f "$RESULTS.tmp"
cat "$RESULTS"
log "results written to $RESULTS"
