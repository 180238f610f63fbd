# Shared by compare.sh and stream-memory.sh: process bookkeeping with cleanup, readiness waits, packages and jars.
# Everything listens on 127.0.0.1; every wait is bounded. Source it; it defines functions and no side effects.

LOAD_TESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(dirname "$LOAD_TESTS_DIR")
TOOLS_JAR="$LOAD_TESTS_DIR/target/mcp-auth-gateway-load-tests-exec.jar"
GATEWAY_JAR="$REPO_ROOT/gateway/target/mcp-auth-gateway.jar"

STARTED_PIDS=()

log() {
  printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

# Stops every process this script started, by pid: TERM, then KILL after 10 s. Installed as the EXIT trap.
stop_all() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

# stop_one PID [SECONDS]: stops one started process (TERM, then KILL after SECONDS, default 15) and forgets it.
stop_one() {
  local target=$1 seconds=${2:-15} pid kept=()
  kill -TERM "$target" 2>/dev/null || true
  for _ in $(seq 1 $((seconds * 10))); do
    kill -0 "$target" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$target" 2>/dev/null || true
  for pid in "${STARTED_PIDS[@]}"; do
    [ "$pid" = "$target" ] || kept+=("$pid")
  done
  STARTED_PIDS=("${kept[@]}")
}

# start NAME LOGFILE CPUS COMMAND...: starts COMMAND in the background (pinned with taskset when CPUS is set),
# records its pid, and sets LAST_PID.
start() {
  local name=$1 logfile=$2 cpus=$3
  shift 3
  if [ -n "$cpus" ]; then
    taskset -c "$cpus" "$@" >"$logfile" 2>&1 &
  else
    "$@" >"$logfile" 2>&1 &
  fi
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
  log "started $name (pid $LAST_PID)"
}

# wait_for_line FILE PATTERN SECONDS PID: waits until FILE has a line matching PATTERN; fails if PID dies first.
wait_for_line() {
  local file=$1 pattern=$2 seconds=$3 pid=$4
  local deadline=$((SECONDS + seconds))
  while [ "$SECONDS" -lt "$deadline" ]; do
    grep -q -- "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { log "process $pid ended early; last lines of $file:"; tail -20 "$file" >&2; return 1; }
    sleep 0.2
  done
  log "timed out after ${seconds}s waiting for '$pattern' in $file"
  return 1
}

# wait_for_mcp URL TOKEN SECONDS PID: waits until a tools/call through URL answers 200.
wait_for_mcp() {
  local url=$1 token=$2 seconds=$3 pid=$4 status
  local deadline=$((SECONDS + seconds))
  while [ "$SECONDS" -lt "$deadline" ]; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST "$url" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-11-25' \
      -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}' || true)
    [ "$status" = "200" ] && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "process $pid ended before $url answered"
      return 1
    fi
    sleep 0.2
  done
  log "timed out after ${seconds}s waiting for 200 from $url (last status $status)"
  return 1
}

# ensure_packages COMMAND=PACKAGE...: installs the Debian packages whose commands are missing (needs root).
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# ensure_jars: builds the gateway and the load-tests jar from the repository root unless both exist.
ensure_jars() {
  if [ ! -f "$TOOLS_JAR" ] || [ ! -f "$GATEWAY_JAR" ]; then
    log "building jars (./mvnw -q package -DskipTests)"
    (cd "$REPO_ROOT" && ./mvnw -q -B package -DskipTests)
  fi
}

# routes_yaml TARGET PUBLIC_BASE_URL ISSUER MAX_CALLS MAX_STREAMS: fills in bench-routes.yaml, as the smoke test does.
# TARGET goes in a directory of its own: the gateway watches the routes file's directory, and logs written beside it
# would wake the watcher on every line (as a ConfigMap mount never does).
routes_yaml() {
  mkdir -p "$(dirname "$1")"
  sed -e "s#@PUBLIC_BASE_URL@#$2#g" -e "s#@ISSUER@#$3#g" -e "s#@MAX_CALLS@#$4#g" -e "s#@MAX_STREAMS@#$5#g" \
    "$LOAD_TESTS_DIR/src/test/resources/bench-routes.yaml" >"$1"
}
