// Connecting a v2 SDK Client the way the gateway tests need: a bearer token on every request,
// extra headers, a record of every HTTP exchange, and errors turned into plain JSON.
import { readFileSync } from 'node:fs';

import {
  applyMiddlewares,
  Client,
  createMiddleware,
  InsufficientScopeError,
  ProtocolError,
  SdkError,
  SdkHttpError,
  StreamableHTTPClientTransport,
  UnauthorizedError
} from '@modelcontextprotocol/client';

/** Request headers worth reporting; the token itself never is. */
const redact = (name, value) => (name === 'authorization' ? value.replace(/^(\S+)\s+.*$/, '$1 <redacted>') : value);

/**
 * A fetch middleware that records each exchange: the JSON-RPC method sent, the request headers
 * and body _meta, the status and the response headers a test may assert on.
 */
function wireRecorder(exchanges, onExchange) {
  return createMiddleware(async (next, input, init) => {
    const headers = new Headers(init?.headers);
    const sent = typeof init?.body === 'string' ? safeJson(init.body) : undefined;
    const exchange = {
      httpMethod: init?.method ?? 'GET',
      rpcMethod: Array.isArray(sent) ? sent.map(m => m.method) : sent?.method,
      rpcId: Array.isArray(sent) ? undefined : sent?.id,
      requestHeaders: Object.fromEntries([...headers].map(([name, value]) => [name, redact(name, value)])),
      requestMeta: Array.isArray(sent) ? undefined : sent?.params?._meta
    };
    exchanges.push(exchange);
    const response = await next(input, init);
    exchange.status = response.status;
    exchange.responseHeaders = Object.fromEntries(
      ['content-type', 'www-authenticate', 'mcp-session-id', 'x-accel-buffering']
        .filter(name => response.headers.has(name))
        .map(name => [name, response.headers.get(name)])
    );
    onExchange?.(exchange);
    return response;
  });
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The bearer token: from --token, or re-read from --token-file on every request. */
function tokenSource(options) {
  if (options.tokenFile) return () => readFileSync(options.tokenFile, 'utf8').trim();
  return () => options.token;
}

/**
 * Builds and connects a Client.
 * @param options.url the MCP endpoint
 * @param options.mode 'auto' (probe with server/discover, fall back to initialize), 'legacy'
 *        (2025 initialize only) or 'modern' (2026-07-28 or fail)
 * @param options.auth 'provider' (the SDK's AuthProvider.token(), the default) or 'header'
 *        (a static Authorization header in requestInit)
 * @param options.exchanges the array each HTTP exchange is recorded in
 */
export async function connect(options) {
  // Supplied by the caller so the exchanges of a failed connect can still be reported.
  const exchanges = options.exchanges ?? [];
  const token = tokenSource(options);
  const extraHeaders = { ...options.headers };
  if (options.auth === 'header' && token()) extraHeaders.Authorization = `Bearer ${token()}`;
  const transport = new StreamableHTTPClientTransport(new URL(options.url), {
    authProvider: options.auth !== 'header' && (options.token || options.tokenFile) ? { token: async () => token() } : undefined,
    requestInit: { headers: extraHeaders },
    fetch: applyMiddlewares(wireRecorder(exchanges, options.onExchange))(fetch),
    // No OAuth flow here: a 403 insufficient_scope challenge surfaces as InsufficientScopeError.
    onInsufficientScope: 'throw'
  });
  const versionNegotiation =
    options.mode === 'legacy' ? { mode: 'legacy' } : options.mode === 'modern' ? { mode: { pin: '2026-07-28' } } : { mode: 'auto' };
  const client = new Client(
    { name: 'mcp-gateway-test-client', version: '1.0.0' },
    {
      versionNegotiation,
      // Declared so servers may embed elicitation in input_required results (and, deprecated
      // in 2026-07-28, sampling and roots).
      capabilities: { elicitation: { form: {} }, sampling: {}, roots: {} }
    }
  );
  answerServerRequests(client);
  await client.connect(transport, { timeout: options.timeoutMs });
  return { client, transport, exchanges };
}

/** Canned answers for the server-to-client requests (pushed on 2025 sessions, embedded on 2026). */
function answerServerRequests(client) {
  client.setRequestHandler('elicitation/create', async request => {
    const properties = request.params.requestedSchema?.properties ?? {};
    const content = Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [
        name,
        schema.type === 'boolean' ? true : schema.type === 'number' || schema.type === 'integer' ? 1 : 'test'
      ])
    );
    return { action: 'accept', content };
  });
  client.setRequestHandler('sampling/createMessage', async () => ({
    role: 'assistant',
    content: { type: 'text', text: 'Paris' },
    model: 'canned',
    stopReason: 'endTurn'
  }));
  client.setRequestHandler('roots/list', async () => ({ roots: [{ uri: 'file:///workspace', name: 'workspace' }] }));
}

/** What the handshake was, read from the wire: a probe, a fallback, or a plain initialize. */
export function handshakeOf(exchanges) {
  const methods = exchanges.map(exchange => exchange.rpcMethod);
  const probed = methods.includes('server/discover');
  const initialized = methods.includes('initialize');
  return probed && initialized ? 'server/discover then initialize fallback' : probed ? 'server/discover' : initialized ? 'initialize' : 'none';
}

/** Everything an error tells a test: its kind, SDK code, HTTP status and auth challenge. */
export function describeError(error, exchange) {
  const described = {
    class: error?.constructor?.name ?? typeof error,
    message: error instanceof Error ? error.message : String(error)
  };
  // Most specific first: the auth errors may share a base class with the SDK errors.
  if (error instanceof InsufficientScopeError) {
    Object.assign(described, {
      kind: 'insufficient_scope',
      requiredScope: error.requiredScope,
      resourceMetadataUrl: error.resourceMetadataUrl?.toString(),
      errorDescription: error.errorDescription
    });
  } else if (error instanceof UnauthorizedError) described.kind = 'unauthorized';
  else if (error instanceof SdkHttpError) Object.assign(described, { kind: 'http', code: error.code, status: error.status, data: error.data });
  else if (error instanceof SdkError) Object.assign(described, { kind: 'sdk', code: error.code, data: error.data });
  else if (error instanceof ProtocolError) Object.assign(described, { kind: 'jsonrpc', code: error.code, data: error.data });
  if (error?.cause) described.cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
  if (exchange) {
    described.http = { status: exchange.status, wwwAuthenticate: exchange.responseHeaders?.['www-authenticate'] ?? null };
  }
  return described;
}
