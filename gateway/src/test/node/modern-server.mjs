#!/usr/bin/env node
// An MCP server built with the official TypeScript SDK v2 (@modelcontextprotocol/server) for the
// gateway's tests: it serves protocol revision 2026-07-28 (server/discover, per-request _meta,
// subscriptions/listen) and, on the same endpoint, 2025-era clients with real sessions.
//
//   node modern-server.mjs [--port N] [--legacy sessions|stateless|reject|only]
//                          [--tools-page-size N] [--host-check on|off]
//
// --legacy   sessions  (default) 2025-era traffic gets sessionful Streamable HTTP
//            stateless the SDK's own per-request 2025 serving (no sessions, GET/DELETE 405)
//            reject    2026-07-28 only
//            only      2025-era only: behaves like a server that predates 2026-07-28
// --tools-page-size  page size for tools/list (0, the default, lists all tools on one page)
// --host-check       the SDK's localhost Host/Origin guard (DNS-rebinding protection), on by default
//
// Every option can also be given as an environment variable: MCP_PORT, MCP_LEGACY,
// MCP_TOOLS_PAGE_SIZE, MCP_HOST_CHECK. When listening it prints {"ready":true,"port":N}.
//
// Besides POST/GET/DELETE /mcp it answers GET /__status (what reached this server, as JSON),
// POST /__reset (clears that) and POST /__notify?kind=tools|prompts|resources|resource
// &uri=...&count=N&intervalMs=M (publishes change notifications one by one).
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import {
  createMcpHandler,
  createRequestStateCodec,
  hostHeaderValidationResponse,
  isLegacyRequest,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  McpServer,
  originValidationResponse
} from '@modelcontextprotocol/server';

import { registerConformanceFixtures } from './lib/conformance-fixtures.mjs';
import { registerGatewayFixtures } from './lib/gateway-fixtures.mjs';
import { readBody, sendJson, toWebRequest, writeWebResponse } from './lib/http-bridge.mjs';
import { createLegacySessions } from './lib/legacy-sessions.mjs';
import { createStatus, headerObject } from './lib/status.mjs';
import { paginateTools, trackTools } from './lib/tool-pages.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.MCP_PORT ?? '0' },
    legacy: { type: 'string', default: process.env.MCP_LEGACY ?? 'sessions' },
    'tools-page-size': { type: 'string', default: process.env.MCP_TOOLS_PAGE_SIZE ?? '0' },
    'host-check': { type: 'string', default: process.env.MCP_HOST_CHECK ?? 'on' }
  }
});
const legacyMode = args.legacy;
if (!['sessions', 'stateless', 'reject', 'only'].includes(legacyMode)) {
  throw new Error(`--legacy must be sessions, stateless, reject or only, not ${legacyMode}`);
}
const toolsPageSize = Number.parseInt(args['tools-page-size'], 10);
const hostCheck = args['host-check'] !== 'off';

const status = createStatus();

// requestState is sealed with a per-process key: one process serves every round of a flow.
// The verify hook hands handlers both the wire string and the decoded payload, so a fixture
// can report exactly what it got back.
const stateCodec = createRequestStateCodec({ key: crypto.getRandomValues(new Uint8Array(32)), ttlSeconds: 600 });
const mintState = payload => stateCodec.mint({ ...payload, nonce: crypto.randomUUID() });
const verifyState = async state => ({ raw: state, payload: await stateCodec.verify(state) });

// Every cacheable list is the same for every caller here, so it is marked public (SEP-2549).
const cacheHints = {
  'server/discover': { ttlMs: 60_000, cacheScope: 'public' },
  'tools/list': { ttlMs: 60_000, cacheScope: 'public' },
  'prompts/list': { ttlMs: 60_000, cacheScope: 'public' },
  'resources/list': { ttlMs: 60_000, cacheScope: 'public' },
  'resources/templates/list': { ttlMs: 60_000, cacheScope: 'public' },
  'resources/read': { ttlMs: 0, cacheScope: 'private' }
};

let modernHandler;
let legacySessions;

function publish(kind, uri) {
  status.published(kind, uri);
  const notify = modernHandler?.notify;
  if (notify) {
    if (kind === 'tools') notify.toolsChanged();
    else if (kind === 'prompts') notify.promptsChanged();
    else if (kind === 'resources') notify.resourcesChanged();
    else notify.resourceUpdated(uri);
  }
  legacySessions?.publish(kind, uri);
}

/** Publishes `count` notifications `intervalMs` apart, the first one right after this call returns. */
function publishSeries(kind, uri, count, intervalMs) {
  let sent = 0;
  const next = () => {
    publish(kind, uri);
    if (++sent < count) setTimeout(next, intervalMs);
  };
  setTimeout(next, Math.min(intervalMs, 50));
}

/** One fresh server instance: per request on 2026-07-28, per session on 2025-era traffic. */
function buildServer({ era }) {
  const server = new McpServer(
    { name: 'mcp-gateway-node-peer', version: '1.0.0' },
    {
      capabilities: {
        tools: { listChanged: true },
        prompts: { listChanged: true },
        resources: { listChanged: true, subscribe: true },
        // Deprecated in 2026-07-28 (SEP-2577) but still required by the 2025-era scenarios.
        logging: {},
        completions: {}
      },
      cacheHints,
      requestState: { verify: verifyState }
    }
  );
  const tools = trackTools(server);
  const env = { era, status, publish, publishSeries, mintState };
  registerGatewayFixtures(server, env);
  registerConformanceFixtures(server, env);
  if (toolsPageSize > 0) paginateTools(server, tools, toolsPageSize);
  return server;
}

modernHandler = createMcpHandler(buildServer, {
  legacy: legacyMode === 'stateless' ? 'stateless' : 'reject',
  onerror: error => console.error(`[modern] ${error.message}`)
});
legacySessions = createLegacySessions(() => buildServer({ era: 'legacy' }), status);

/** The JSON-RPC messages of a POST body, for the status counters (empty when not JSON). */
function messagesOf(body) {
  try {
    const parsed = JSON.parse(body.toString('utf8'));
    return { parsed, messages: Array.isArray(parsed) ? parsed : [parsed] };
  } catch {
    return { parsed: undefined, messages: [] };
  }
}

async function serveMcp(req, res) {
  const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
  const request = toWebRequest(req, res, body);
  const rejected = hostCheck
    ? (hostHeaderValidationResponse(request, localhostAllowedHostnames()) ?? originValidationResponse(request, localhostAllowedOrigins()))
    : undefined;
  if (rejected) return writeWebResponse(res, rejected);

  const { parsed, messages } = messagesOf(body);
  const headers = headerObject(request.headers);
  for (const message of messages) {
    status.request(message?.method);
    status.call(message?.method, message?.params?.name ?? message?.params?.uri, headers);
  }
  const method = messages.length === 1 ? messages[0]?.method : undefined;
  res.on('close', () => {
    if (!res.writableFinished) status.clientDisconnected(method ?? req.method);
  });

  let response;
  if (legacyMode === 'only') {
    response = await legacySessions.handle(request, parsed);
  } else if (legacyMode === 'sessions' && (await isLegacyRequest(request, parsed))) {
    response = await legacySessions.handle(request, parsed);
  } else {
    response = await modernHandler.fetch(request, { parsedBody: parsed });
  }
  // A listen stream stays open until the client (or we) close it.
  if (method === 'subscriptions/listen' && response.headers.get('content-type')?.includes('text/event-stream')) {
    status.listenOpened();
    res.on('close', () => status.listenClosed());
  }
  await writeWebResponse(res, response);
}

function serveControl(req, res, url) {
  if (req.method === 'GET' && url.pathname === '/__status') return sendJson(res, 200, status.snapshot());
  if (req.method === 'POST' && url.pathname === '/__reset') {
    status.reset();
    return sendJson(res, 200, { reset: true });
  }
  if (req.method === 'POST' && url.pathname === '/__notify') {
    const kind = url.searchParams.get('kind') ?? 'tools';
    const count = Number.parseInt(url.searchParams.get('count') ?? '1', 10);
    const intervalMs = Number.parseInt(url.searchParams.get('intervalMs') ?? '200', 10);
    publishSeries(kind, url.searchParams.get('uri') ?? 'docs://public/readme', count, intervalMs);
    return sendJson(res, 202, { scheduled: count, kind });
  }
  return sendJson(res, 404, { error: `no such endpoint: ${req.method} ${url.pathname}` });
}

const httpServer = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const served = url.pathname === '/mcp' ? serveMcp(req, res) : Promise.resolve(serveControl(req, res, url));
  served.catch(error => {
    console.error(`[http] ${req.method} ${req.url}: ${error.stack ?? error}`);
    if (!res.headersSent) sendJson(res, error.status ?? 500, { jsonrpc: '2.0', error: { code: -32603, message: String(error.message) }, id: null });
    else res.destroy();
  });
});

httpServer.listen(Number.parseInt(args.port, 10), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ ready: true, port: httpServer.address().port, legacy: legacyMode })}\n`);
});

// Shut down promptly when the parent test ends us: open SSE streams must not keep us alive.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    httpServer.closeAllConnections();
    Promise.allSettled([modernHandler.close(), legacySessions.close()]).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
