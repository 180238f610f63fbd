#!/usr/bin/env node
// A loopback HTTP proxy that adds `Authorization: Bearer <token>` to every request, so a client
// that cannot send a token (the MCP conformance CLI) can be pointed at the gateway.
//
//   node token-shim.mjs --target http://127.0.0.1:8080/route [--port N]
//                       (--token-file FILE | --token T)
//
// Env: SHIM_TARGET, SHIM_PORT, SHIM_TOKEN_FILE, SHIM_TOKEN. The token file is read again for
// every request, so a test can rotate the token while the shim runs. Prints
// {"ready":true,"port":N} once listening.
//
// The request path is appended to the target's path: with --target http://gw/route, a request
// for /mcp goes to http://gw/route/mcp. Bodies are piped in both directions without buffering
// (an SSE stream passes event by event); status and headers pass through. When the client goes
// away the upstream request is destroyed too, so the upstream sees the disconnect (that is how
// 2026-07-28 cancels a request). The Host header is rewritten to the target's only when it names
// the shim itself: a deliberately foreign Host (a DNS-rebinding probe) reaches the target as is.
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: process.env.SHIM_TARGET },
    port: { type: 'string', default: process.env.SHIM_PORT ?? '0' },
    'token-file': { type: 'string', default: process.env.SHIM_TOKEN_FILE },
    token: { type: 'string', default: process.env.SHIM_TOKEN }
  }
});
if (!args.target) throw new Error('--target (or SHIM_TARGET) is required');
if (!args['token-file'] && args.token === undefined) throw new Error('--token-file or --token (or SHIM_TOKEN_FILE / SHIM_TOKEN) is required');
const target = new URL(args.target);
if (target.protocol !== 'http:') throw new Error(`only http targets are supported, not ${target.protocol}`);
const basePath = target.pathname.replace(/\/$/, '');

const currentToken = () => (args['token-file'] ? readFileSync(args['token-file'], 'utf8').trim() : args.token);

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function forwardedHeaders(req, ownAuthorities) {
  const headers = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || lower === 'authorization') continue;
    if (lower === 'host') {
      headers[name] = ownAuthorities.includes(req.rawHeaders[i + 1]) ? target.host : req.rawHeaders[i + 1];
      continue;
    }
    headers[name] = name in headers ? `${headers[name]}, ${req.rawHeaders[i + 1]}` : req.rawHeaders[i + 1];
  }
  headers.Authorization = `Bearer ${currentToken()}`;
  return headers;
}

const server = createServer((req, res) => {
  const port = server.address().port;
  const ownAuthorities = [`127.0.0.1:${port}`, `localhost:${port}`];
  const upstream = httpRequest({
    host: target.hostname,
    port: target.port || 80,
    method: req.method,
    path: basePath + req.url,
    headers: forwardedHeaders(req, ownAuthorities)
  });
  upstream.on('response', upstreamRes => {
    const headers = {};
    for (let i = 0; i < upstreamRes.rawHeaders.length; i += 2) {
      const name = upstreamRes.rawHeaders[i];
      if (HOP_BY_HOP.has(name.toLowerCase())) continue;
      headers[name] = name in headers ? [].concat(headers[name], upstreamRes.rawHeaders[i + 1]) : upstreamRes.rawHeaders[i + 1];
    }
    res.writeHead(upstreamRes.statusCode, upstreamRes.statusMessage, headers);
    res.flushHeaders();
    upstreamRes.pipe(res);
    upstreamRes.on('error', () => res.destroy());
  });
  upstream.on('error', error => {
    if (res.headersSent) return res.destroy();
    const body = JSON.stringify({ error: 'token-shim could not reach the target', detail: error.message });
    res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  // A client that leaves before the response ended takes the upstream exchange with it.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
});

server.listen(Number.parseInt(args.port, 10), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ ready: true, port: server.address().port })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
