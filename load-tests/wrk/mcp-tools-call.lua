-- wrk script for compare.sh: POSTs an MCP tools/call (Streamable HTTP, MCP 2025-11-25) with a bearer token from a file.
--
-- Environment:
--   TOKEN_FILE     tokens, one a line (LoadTools mint)                         required
--   MCP_PATH       request path                                                 /bench/mcp
--   TOKEN_MODE     cached: the first CACHED_TOKENS tokens, reused                cached
--                  fresh: every request takes the next unused token of
--                         [TOKEN_OFFSET, TOKEN_OFFSET + TOKEN_LIMIT)
--   CACHED_TOKENS  how many tokens the cached mode reuses                       8
--   TOKEN_OFFSET   first line (0-based) the fresh mode uses                     0
--   TOKEN_LIMIT    lines the fresh mode may use (0: to the end of the file)    0
--   DELAY_MS       pause before each request of a connection (fixed rate)      0
--   WRK_THREADS    the -t given to wrk, so threads take disjoint tokens        2
--
-- done() prints one line compare.sh parses:
--   RESULT requests=N seconds=S rps=R p50_us=A p99_us=B non2xx=C socket_errors=D tokens_wrapped=W

local token_file = os.getenv("TOKEN_FILE")
local path = os.getenv("MCP_PATH") or "/bench/mcp"
local mode = os.getenv("TOKEN_MODE") or "cached"
local cached_tokens = tonumber(os.getenv("CACHED_TOKENS") or "8")
local offset = tonumber(os.getenv("TOKEN_OFFSET") or "0")
local limit = tonumber(os.getenv("TOKEN_LIMIT") or "0")
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local thread_count = tonumber(os.getenv("WRK_THREADS") or "2")

local body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}'

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("thread_index", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local function read_tokens(first, count)
  local tokens = {}
  local line_number = 0
  for line in io.lines(token_file) do
    if line_number >= first and (count == 0 or #tokens < count) and #line > 0 then
      table.insert(tokens, line)
    end
    line_number = line_number + 1
  end
  return tokens
end

local function headers_for(token)
  return {
    ["Host"] = wrk.headers["Host"],
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["MCP-Protocol-Version"] = "2025-11-25",
    ["Authorization"] = "Bearer " .. token,
  }
end

local tokens
local prepared = {}
local sent = 0
wrapped = 0

function init(args)
  if mode == "fresh" then
    tokens = read_tokens(offset, limit)
  else
    tokens = read_tokens(0, cached_tokens)
    for i, token in ipairs(tokens) do
      prepared[i] = wrk.format("POST", path, headers_for(token), body)
    end
  end
  if #tokens == 0 then
    error("no tokens in " .. tostring(token_file))
  end
end

function request()
  sent = sent + 1
  if mode == "fresh" then
    local index = thread_index + (sent - 1) * thread_count
    if index >= #tokens then
      wrapped = wrapped + 1
      index = index % #tokens
    end
    return wrk.format("POST", path, headers_for(tokens[index + 1]), body)
  end
  return prepared[(sent % #prepared) + 1]
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local wrapped_total = 0
  for _, thread in ipairs(threads) do
    wrapped_total = wrapped_total + (thread:get("wrapped") or 0)
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_us=%d p99_us=%d non2xx=%d socket_errors=%d tokens_wrapped=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout, wrapped_total))
end
