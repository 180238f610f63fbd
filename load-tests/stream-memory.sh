#!/usr/bin/env bash
# stream-memory.sh: what an idle SSE stream costs the gateway. Starts the benchmark upstream and the gateway
# (512 MB heap, native memory tracking), opens STREAMS idle GET streams through it from a separate client process
# (LoadTools streams), waits until every one has opened or failed, then measures the gateway's live heap after a
# full GC (jcmd GC.class_histogram), its RSS and NMT committed memory against a baseline with no stream open, and
# samples again over SAMPLE_SECONDS to see whether it stays flat. Prints a Markdown table and writes RESULTS.
# Loopback only; every wait is bounded; everything started is stopped on exit. See load-tests/README.md.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

STREAMS=${STREAMS:-9000}
TARGET=${TARGET:-gateway}                    # gateway, or bare-netty: the JVM floor (load-tests' bare Reactor Netty proxy)
OPEN_PARALLEL=${OPEN_PARALLEL:-200}          # streams being opened at once
OPEN_TIMEOUT_SECONDS=${OPEN_TIMEOUT_SECONDS:-180}   # from the first stream to the last
SAMPLE_SECONDS=${SAMPLE_SECONDS:-30}         # how long the held streams are watched
SAMPLES=${SAMPLES:-4}                        # memory samples over SAMPLE_SECONDS (first right after opening)
JAVA_HOME_FOR_TARGETS=${JAVA_HOME_FOR_TARGETS:-}
GATEWAY_JVM_FLAGS=${GATEWAY_JVM_FLAGS:-"-Xms512m -Xmx512m -XX:+UseParallelGC -XX:NativeMemoryTracking=summary"}
GATEWAY_ARGS=${GATEWAY_ARGS:-}              # extra --key=value process settings for the gateway
CLIENT_JVM_FLAGS=${CLIENT_JVM_FLAGS:-"-Xmx1g -XX:+UseParallelGC"}
UPSTREAM_JVM_FLAGS=${UPSTREAM_JVM_FLAGS:-"-Xmx1g -XX:+UseParallelGC"}
HISTOGRAM_TOP=${HISTOGRAM_TOP:-25}           # classes listed in the per-stream heap breakdown (0: none)
RESULTS=${RESULTS:-"$LOAD_TESTS_DIR/results/stream-memory-$(date +%Y%m%d-%H%M%S).md"}
KEEP_WORK=${KEEP_WORK:-0}

UPSTREAM_PORT=19110
GATEWAY_PORT=19215
ISSUER="http://127.0.0.1:$UPSTREAM_PORT"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT/bench/mcp"
TARGET_JAVA=java
[ -n "$JAVA_HOME_FOR_TARGETS" ] && TARGET_JAVA="$JAVA_HOME_FOR_TARGETS/bin/java"

# Each proxied stream holds two descriptors in the gateway; 20,000 is this machine's hard limit per process.
ulimit -n 20000

WORK=$(mktemp -d /tmp/mcp-streams.XXXXXX)
cleanup() {
  stop_all
  if [ "$KEEP_WORK" = 1 ]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_packages curl=curl
ensure_jars
mkdir -p "$(dirname "$RESULTS")"

upstream_stat() {
  curl -s --max-time 5 "$ISSUER/stats" | sed -E "s/.*\"$1\":([0-9]+).*/\1/"
}

# sample LABEL: one memory sample of the gateway, appended to $WORK/samples as "LABEL heap rss nmt fds".
sample() {
  local line fds
  line=$("$TARGET_JAVA" -jar "$TOOLS_JAR" memory --pid="$GATEWAY_PID")
  fds=$(ls "/proc/$GATEWAY_PID/fd" 2>/dev/null | wc -l)
  echo "$1 $(echo "$line" | sed -E 's/[a-z_]+=//g') $fds" >>"$WORK/samples"
  log "sample $1: $line fds=$fds"
}

# histogram FILE: the gateway's live objects by class (a full GC first), for the per-stream breakdown.
histogram() {
  local jcmd
  jcmd="$(dirname "$(readlink -f "$(command -v "$TARGET_JAVA")")")/jcmd"
  timeout 120 "$jcmd" "$GATEWAY_PID" GC.class_histogram >"$1" 2>/dev/null || true
}

# wait_until_upstream_open COUNT SECONDS: until the upstream holds COUNT streams.
wait_until_upstream_open() {
  local deadline=$((SECONDS + $2))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(upstream_stat streamsOpen)" = "$1" ] && return 0
    sleep 0.5
  done
  log "the upstream holds $(upstream_stat streamsOpen) streams, expected $1"
  return 1
}

start upstream "$WORK/upstream.log" "" java $UPSTREAM_JVM_FLAGS -jar "$TOOLS_JAR" upstream --port=$UPSTREAM_PORT \
  --keys-dir="$WORK/keys"
wait_for_line "$WORK/upstream.log" '^READY' 60 "$LAST_PID"
java -jar "$TOOLS_JAR" mint --keys-dir="$WORK/keys" --issuer="$ISSUER" --audience="$GATEWAY_URL" --count=64 \
  --out="$WORK/tokens.txt" >/dev/null
routes_yaml "$WORK/config/routes.yaml" "http://127.0.0.1:$GATEWAY_PORT" "$ISSUER" 1000 $((STREAMS + 1000))
case "$TARGET" in
  gateway)
    # shellcheck disable=SC2086
    start gateway "$WORK/gateway.log" "" "$TARGET_JAVA" $GATEWAY_JVM_FLAGS -jar "$GATEWAY_JAR" \
      --gateway.routes-file="$WORK/config/routes.yaml" --server.port=$GATEWAY_PORT --management.server.port=$GATEWAY_PORT --server.address=127.0.0.1 $GATEWAY_ARGS ;;
  bare-netty)
    # The same JVM flags, no Spring, no checks: what a stream costs on the stack the gateway runs on.
    # shellcheck disable=SC2086
    start gateway "$WORK/gateway.log" "" "$TARGET_JAVA" $GATEWAY_JVM_FLAGS -jar "$TOOLS_JAR" bare-proxy \
      --port=$GATEWAY_PORT --upstream="$ISSUER" --max-connections=$((STREAMS + 1000)) ;;
  *) echo "TARGET must be gateway or bare-netty, not '$TARGET'" >&2; exit 2 ;;
esac
GATEWAY_PID=$LAST_PID
wait_for_mcp "$GATEWAY_URL" "$(head -1 "$WORK/tokens.txt")" 120 "$GATEWAY_PID"

# Warm-up: load the classes and pools a stream uses, so the baseline differs from the loaded state by streams only.
java $CLIENT_JVM_FLAGS -jar "$TOOLS_JAR" streams --url="$GATEWAY_URL" --token-file="$WORK/tokens.txt" --count=200 \
  --parallel=50 --open-timeout-seconds=60 --hold-seconds=0 >"$WORK/warmup.log" 2>&1 || true
log "warm-up streams: $(grep '^OPENED' "$WORK/warmup.log" || echo 'no result')"
wait_until_upstream_open 0 60 || true
sample baseline
[ "$HISTOGRAM_TOP" -gt 0 ] && histogram "$WORK/histogram-baseline.txt"

log "opening $STREAMS streams ($OPEN_PARALLEL at a time, at most ${OPEN_TIMEOUT_SECONDS}s)"
start streams "$WORK/streams.log" "" java $CLIENT_JVM_FLAGS -jar "$TOOLS_JAR" streams --url="$GATEWAY_URL" \
  --token-file="$WORK/tokens.txt" --count="$STREAMS" --parallel="$OPEN_PARALLEL" \
  --open-timeout-seconds="$OPEN_TIMEOUT_SECONDS" --hold-seconds=$((SAMPLE_SECONDS + 300)) --report-seconds=5
CLIENT_PID=$LAST_PID
OPEN_STARTED=$SECONDS
wait_for_line "$WORK/streams.log" '^OPENED' $((OPEN_TIMEOUT_SECONDS + 60)) "$CLIENT_PID" || true
OPEN_SECONDS=$((SECONDS - OPEN_STARTED))
OPENED_LINE=$(grep '^OPENED' "$WORK/streams.log" || echo "OPENED opened=0 open=0 ended=0 failed=$STREAMS reasons={client did not report}")
log "$OPENED_LINE (${OPEN_SECONDS}s)"
opened=$(echo "$OPENED_LINE" | sed -E 's/.* opened=([0-9]+).*/\1/')
GATEWAY_ALIVE=yes
kill -0 "$GATEWAY_PID" 2>/dev/null || GATEWAY_ALIVE=no
UPSTREAM_OPEN="n/a"
if [ "$GATEWAY_ALIVE" = yes ]; then
  wait_until_upstream_open "$opened" 60 || true
  UPSTREAM_OPEN=$(upstream_stat streamsOpen)
  interval=0
  [ "$SAMPLES" -gt 1 ] && interval=$((SAMPLE_SECONDS / (SAMPLES - 1)))
  for i in $(seq 0 $((SAMPLES - 1))); do
    [ "$i" -gt 0 ] && sleep "$interval"
    sample "t+$((i * interval))s"
  done
  [ "$HISTOGRAM_TOP" -gt 0 ] && histogram "$WORK/histogram-streams.txt"
fi
HOLD_LINE=$(grep '^HOLD' "$WORK/streams.log" | tail -1 || true)
[ -z "$HOLD_LINE" ] && HOLD_LINE="HOLD (no report yet)"
OOM=$(grep -c 'OutOfMemoryError' "$WORK/gateway.log" || true)
GATEWAY_ERRORS=$(grep -E ' (ERROR|WARN) |^Exception in thread' "$WORK/gateway.log" | sed -E 's/^.*(ERROR|WARN) [0-9]+ --- \[[^]]*\] //' | cut -c1-160 | sort | uniq -c | sort -rn | head -5 || true)

awk -v streams="$STREAMS" -v opened_line="$OPENED_LINE" -v hold_line="$HOLD_LINE" -v open_seconds="$OPEN_SECONDS" \
  -v upstream_open="$UPSTREAM_OPEN" -v alive="$GATEWAY_ALIVE" -v oom="$OOM" -v opened="$opened" '
function kib(b) { return b < 0 ? "n/a" : sprintf("%.0f KiB", b / 1024) }
function mib(b) { return b < 0 ? "n/a" : sprintf("%.1f MiB", b / 1048576) }
function per(b, base) { return (b < 0 || base < 0 || opened == 0) ? "n/a" : sprintf("%.1f KiB", (b - base) / opened / 1024) }
{ label[NR] = $1; heap[NR] = $2; rss[NR] = $3; nmt[NR] = $4; fds[NR] = $5 }
END {
  print "| measurement | value |"
  print "|---|---|"
  printf "| streams asked for | %d |\n", streams
  printf "| client after opening (%d s) | `%s` |\n", open_seconds, opened_line
  printf "| client at the last report | `%s` |\n", hold_line
  printf "| streams the upstream held | %s |\n", upstream_open
  printf "| target alive | %s (OutOfMemoryError in its log: %d) |\n", alive, oom
  print ""
  print "| sample | live heap | RSS | NMT committed | open files | live heap / stream | RSS / stream | NMT / stream |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|"
  for (i = 1; i <= NR; i++) {
    printf "| %s | %s | %s | %s | %d | %s | %s | %s |\n", label[i], mib(heap[i]), mib(rss[i]), mib(nmt[i]), fds[i],
      i == 1 ? "" : per(heap[i], heap[1]), i == 1 ? "" : per(rss[i], rss[1]), i == 1 ? "" : per(nmt[i], nmt[1])
  }
  if (NR >= 3) {
    min = heap[2]; max = heap[2]
    for (i = 3; i <= NR; i++) { if (heap[i] < min) min = heap[i]; if (heap[i] > max) max = heap[i] }
    printf "\nLive heap with streams open varied by %s over the samples (%.1f%% of the first).\n", kib(max - min), 100 * (max - min) / heap[2]
  }
}' "$WORK/samples" >"$WORK/table.md"

{
  echo "# stream-memory.sh results, $(date -u +'%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory; target \`$TARGET\` on $("$TARGET_JAVA" -version 2>&1 | head -1)"
  if [ "$TARGET" = gateway ]; then
    echo "with \`$GATEWAY_JVM_FLAGS $GATEWAY_ARGS\`; streams.keep-alive off, resilience.bulkhead.max-streams $((STREAMS + 1000))."
  else
    echo "with \`$GATEWAY_JVM_FLAGS\`; bare Reactor Netty proxy, pool of $((STREAMS + 1000)) connections, no checks."
  fi
  echo
  cat "$WORK/table.md"
  if [ -n "$GATEWAY_ERRORS" ]; then
    echo
    echo "Gateway warnings and errors (count, message):"
    echo
    echo '```'
    echo "$GATEWAY_ERRORS"
    echo '```'
  fi
  if [ "$HISTOGRAM_TOP" -gt 0 ] && [ -s "$WORK/histogram-streams.txt" ] && [ "${opened:-0}" -gt 0 ]; then
    echo
    echo "Where the live heap per stream goes (class histogram with streams open minus baseline, top $HISTOGRAM_TOP by bytes):"
    echo
    echo "| class | instances / stream | bytes / stream |"
    echo "|---|---:|---:|"
    awk -v opened="$opened" -v top="$HISTOGRAM_TOP" '
      FNR == NR { if ($1 ~ /^[0-9]+:$/) { base_n[$4] = $2; base_b[$4] = $3 }; next }
      $1 ~ /^[0-9]+:$/ { d = $3 - base_b[$4]; if (d > 0) printf "%d %s %.2f\n", d, $4, ($2 - base_n[$4]) / opened }
    ' "$WORK/histogram-baseline.txt" "$WORK/histogram-streams.txt" | sort -rn | head -"$HISTOGRAM_TOP" |
      awk -v opened="$opened" '{ printf "| `%s` | %s | %.0f |\n", $2, $3, $1 / opened }'
  fi
} >"$RESULTS"
cat "$RESULTS"
log "results written to $RESULTS"
