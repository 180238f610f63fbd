#!/usr/bin/env bash
# profile.sh: where the gateway spends CPU and allocates under full load. Starts the benchmark upstream and the
# gateway (compare.sh's routes and JVM flags), warms it at full load with wrk, then attaches async-profiler
# (tools.profiler:async-profiler from Maven Central; the native library ships in its jar) for a CPU profile and an
# allocation profile, each taken while wrk keeps the load on. Writes flame graphs (HTML) and collapsed stacks to
# OUT, and prints the hottest frames and the share of samples per code area. Loopback only; bounded; cleans up.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

PROFILE_WARMUP_SECONDS=${PROFILE_WARMUP_SECONDS:-60}
PROFILE_SECONDS=${PROFILE_SECONDS:-30}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-2}
TOKEN_MODE=${TOKEN_MODE:-cached}              # fresh: profile the new-token-per-request path
ASYNC_PROFILER_VERSION=${ASYNC_PROFILER_VERSION:-4.6}
CPU_EVENT=${CPU_EVENT:-itimer}                # itimer needs no perf_events permission; cpu is more precise where allowed
JAVA_HOME_FOR_TARGETS=${JAVA_HOME_FOR_TARGETS:-}
JVM_FLAGS=${JVM_FLAGS:-"-Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
OUT=${OUT:-"$LOAD_TESTS_DIR/target/profile-$(date +%Y%m%d-%H%M%S)"}

UPSTREAM_PORT=19120
GATEWAY_PORT=19220
ISSUER="http://127.0.0.1:$UPSTREAM_PORT"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT/bench/mcp"
TARGET_JAVA=java
[ -n "$JAVA_HOME_FOR_TARGETS" ] && TARGET_JAVA="$JAVA_HOME_FOR_TARGETS/bin/java"
JCMD="$(dirname "$(readlink -f "$(command -v "$TARGET_JAVA")")")/jcmd"

WORK=$(mktemp -d /tmp/mcp-profile.XXXXXX)
trap 'stop_all; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
ensure_packages wrk=wrk curl=curl unzip=unzip
ensure_jars
mkdir -p "$OUT"

profiler_jar="$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION.jar"
[ -f "$profiler_jar" ] || "$REPO_ROOT/mvnw" -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" >/dev/null
unzip -q -o "$profiler_jar" 'linux-x64/libasyncProfiler.so' -d "$WORK"
LIB="$WORK/linux-x64/libasyncProfiler.so"

load() {   # load SECONDS MODE OFFSET: wrk at full load through the gateway
  TOKEN_FILE=$WORK/tokens.txt TOKEN_MODE=$2 TOKEN_OFFSET=${3:-0} CACHED_TOKENS=8 WRK_THREADS=$WRK_THREADS \
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${1}s" --timeout 10s -s "$LOAD_TESTS_DIR/wrk/mcp-tools-call.lua" "$GATEWAY_URL" |
    grep '^RESULT' >&2 || true
}

start upstream "$WORK/upstream.log" "" java -Xmx512m -XX:+UseParallelGC -jar "$TOOLS_JAR" upstream --port=$UPSTREAM_PORT \
  --keys-dir="$WORK/keys"
wait_for_line "$WORK/upstream.log" '^READY' 60 "$LAST_PID"
token_count=8
[ "$TOKEN_MODE" = fresh ] && token_count=$(((PROFILE_SECONDS * 2 + 10) * 3000))
java -jar "$TOOLS_JAR" mint --keys-dir="$WORK/keys" --issuer="$ISSUER" --audience="$GATEWAY_URL" --count="$token_count" \
  --out="$WORK/tokens.txt" >/dev/null
routes_yaml "$WORK/config/routes.yaml" "http://127.0.0.1:$GATEWAY_PORT" "$ISSUER" 100000 100000
# shellcheck disable=SC2086
start gateway "$WORK/gateway.log" "" "$TARGET_JAVA" $JVM_FLAGS -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -jar "$GATEWAY_JAR" --gateway.routes-file="$WORK/config/routes.yaml" --server.port=$GATEWAY_PORT --management.server.port=$GATEWAY_PORT --server.address=127.0.0.1
GATEWAY_PID=$LAST_PID
wait_for_mcp "$GATEWAY_URL" "$(head -1 "$WORK/tokens.txt")" 120 "$GATEWAY_PID"

log "warming up for ${PROFILE_WARMUP_SECONDS}s"
load "$PROFILE_WARMUP_SECONDS" cached
offset=0
for kind in cpu alloc; do
  event=$CPU_EVENT
  [ "$kind" = alloc ] && event=alloc
  log "profiling $kind ($event) for ${PROFILE_SECONDS}s under load"
  # The option string is quoted for jcmd, which would otherwise read "start,event=…" as a key=value argument.
  "$JCMD" "$GATEWAY_PID" JVMTI.agent_load "$LIB" "\"start,event=$event,interval=$([ "$kind" = cpu ] && echo 1ms || echo 512k)\"" >/dev/null
  load "$PROFILE_SECONDS" "$TOKEN_MODE" "$offset"
  offset=$((offset + PROFILE_SECONDS * 3000))
  "$JCMD" "$GATEWAY_PID" JVMTI.agent_load "$LIB" "\"dump,file=$OUT/$kind.collapsed\"" >/dev/null
  "$JCMD" "$GATEWAY_PID" JVMTI.agent_load "$LIB" "\"stop,file=$OUT/$kind.html\"" >/dev/null
done

# summarize FILE: per code area and per gateway class, the share of samples whose stack passes through it (each
# stack counted once per area or class: reactive stacks are shallow, so this undercounts what runs asynchronously),
# and the hottest leaf frames.
summarize() {
  awk '
    function area(frame) {
      if (frame ~ /^dev\/mcpgateway\//) return "dev.mcpgateway (the gateway)"
      if (frame ~ /^org\/springframework\/security\//) return "Spring Security"
      if (frame ~ /^org\/springframework\/cloud\/gateway\//) return "Spring Cloud Gateway"
      if (frame ~ /^org\/springframework\//) return "Spring WebFlux / core"
      if (frame ~ /^io\/micrometer\//) return "Micrometer (observations, meters)"
      if (frame ~ /^com\/nimbusds\//) return "Nimbus JOSE (JWT parsing)"
      if (frame ~ /^(com\/fasterxml|tools\/jackson)\//) return "Jackson"
      if (frame ~ /^(io\/github\/resilience4j|io\/github\/bucket4j|com\/github\/benmanes)\//) return "resilience4j, bucket4j, Caffeine"
      if (frame ~ /(FluxOnAssembly|MonoOnAssembly|ParallelFluxOnAssembly)/) return "Reactor assembly checkpoints"
      if (frame ~ /^java\/util\/regex\//) return "java.util.regex"
      return ""
    }
    { n = split($0, parts, " "); count = parts[n]; stack = substr($0, 1, length($0) - length(count) - 1); total += count
      f = split(stack, frames, ";"); leaf[frames[f]] += count
      delete seen
      for (i = 1; i <= f; i++) {
        a = area(frames[i])
        if (a != "" && !(("a" a) in seen)) { seen["a" a] = 1; areas[a] += count }
        if (frames[i] ~ /^dev\/mcpgateway\//) {
          cls = frames[i]; sub(/\.[^.\/]*$/, "", cls); sub(/\$\$Lambda.*/, "", cls)
          if (!(("c" cls) in seen)) { seen["c" cls] = 1; classes[cls] += count }
        }
      }
    }
    END {
      printf "%d samples\n\nstacks passing through:\n", total
      for (a in areas) printf "  %5.1f%%  %s\n", 100 * areas[a] / total, a | "sort -rn"
      close("sort -rn")
      printf "\ngateway classes on the stack:\n"
      for (c in classes) printf "  %5.1f%%  %s\n", 100 * classes[c] / total, c | "sort -rn | head -15"
      close("sort -rn | head -15")
      printf "\nhottest leaf frames:\n"
      for (l in leaf) printf "  %5.1f%%  %s\n", 100 * leaf[l] / total, l | "sort -rn | head -20"
      close("sort -rn | head -20")
    }' "$1"
}
for kind in cpu alloc; do
  echo "== $kind profile ($OUT/$kind.html)"
  summarize "$OUT/$kind.collapsed"
  echo
done | tee "$OUT/summary.txt"
log "profiles in $OUT"
