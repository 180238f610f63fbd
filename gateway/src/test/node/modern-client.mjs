#!/usr/bin/env node
// A scripted MCP client built with the official TypeScript SDK v2 (@modelcontextprotocol/client).
//
//   node modern-client.mjs <scenario> --url <url> [--token T | --token-file F] [--header k=v]...
//        [--mode auto|legacy|modern] [--auth provider|header] [--timeout-ms N] [--trace]
//
// Scenarios (each prints one JSON object per line, {"step":...,"ok":...}, and exits 0 when every
// step is ok, 1 otherwise):
//   discover                      connect; the negotiated era/version and how it was reached
//   list-tools                    every tools/list page with its ttlMs/cacheScope, then the SDK's
//                                 aggregated listTools()
//   call --tool T [--args JSON]   one tools/call (after a tools/list, which Mcp-Param-* needs)
//   read --uri U                  one resources/read (the response cache bypassed)
//   prompt --name N [--args JSON] one prompts/get
//   listen [--count N] [--duration-ms T] [--resource URI]... [--trigger N]
//                                 open subscriptions/listen (2025: the session's GET stream) and
//                                 print each notification as it arrives; --trigger calls the
//                                 server's notify tool to publish N notifications
//   cancel [--after-ms T]         call `slow` and abort it after T ms
//   mrtr [--auto]                 call `mrtr_state`: get input_required + requestState, retry
//                                 with the state (or let the SDK do the rounds with --auto)
//   raw --body JSON               one hand-made POST (no SDK): status, headers and body
//
// --mode auto (default) probes with server/discover and falls back to initialize; legacy runs
// the 2025 handshake only; modern pins 2026-07-28. --trace adds one {"step":"http"} line per
// HTTP exchange (request headers with the token redacted, status, response headers).
import { parseArgs } from 'node:util';

import { connect, describeError, handshakeOf } from './lib/client-support.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    'token-file': { type: 'string' },
    header: { type: 'string', multiple: true, default: [] },
    mode: { type: 'string', default: 'auto' },
    auth: { type: 'string', default: 'provider' },
    'timeout-ms': { type: 'string', default: '15000' },
    trace: { type: 'boolean', default: false },
    tool: { type: 'string' },
    uri: { type: 'string' },
    name: { type: 'string' },
    args: { type: 'string', default: '{}' },
    count: { type: 'string' },
    'duration-ms': { type: 'string' },
    resource: { type: 'string', multiple: true, default: [] },
    trigger: { type: 'string' },
    'after-ms': { type: 'string', default: '500' },
    auto: { type: 'boolean', default: false },
    body: { type: 'string' }
  }
});

const started = Date.now();
let failed = false;
function emit(step, fields) {
  if (fields.ok === false) failed = true;
  process.stdout.write(`${JSON.stringify({ step, ...fields, elapsedMs: Date.now() - started })}\n`);
}

const timeoutMs = Number.parseInt(opts['timeout-ms'], 10);
const headers = Object.fromEntries(
  opts.header.map(pair => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--header needs name=value, got ${pair}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  })
);
const connectOptions = {
  url: opts.url,
  token: opts.token,
  tokenFile: opts['token-file'],
  headers,
  mode: opts.mode,
  auth: opts.auth,
  timeoutMs,
  exchanges: [],
  onExchange: opts.trace ? exchange => emit('http', { ok: true, ...exchange }) : undefined
};

/** Connects and reports the handshake; returns undefined (after reporting) when it failed. */
async function connected() {
  let session;
  try {
    session = await connect(connectOptions);
  } catch (error) {
    emit('connect', { ok: false, error: describeError(error, lastExchange(connectOptions.exchanges)) });
    return undefined;
  }
  const { client, exchanges } = session;
  emit('connect', {
    ok: true,
    era: client.getProtocolEra(),
    protocolVersion: client.getNegotiatedProtocolVersion(),
    handshake: handshakeOf(exchanges),
    usedDiscover: client.getDiscoverResult() !== undefined,
    serverInfo: client.getServerVersion(),
    capabilities: client.getServerCapabilities()
  });
  return session;
}

/** Polls `condition` every 20 ms for up to `ms`; resolves whether it became true. */
async function eventually(condition, ms = 3000) {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise(resolve => setTimeout(resolve, 20))) {
    if (condition()) return true;
  }
  return condition();
}

const lastExchange = (exchanges, rpcMethod) => exchanges?.filter(e => rpcMethod === undefined || e.rpcMethod === rpcMethod).at(-1);

const scenarios = {
  async discover(session) {
    const discover = session.client.getDiscoverResult();
    emit('discover', { ok: true, discoverResult: discover ?? null });
  },

  async 'list-tools'({ client }) {
    // Page by page through client.request(), which returns each raw page with its cache hints.
    const pages = [];
    let cursor;
    do {
      const page = await client.request({ method: 'tools/list', params: cursor === undefined ? {} : { cursor } }, { timeout: timeoutMs });
      pages.push(page);
      emit('page', {
        ok: true,
        index: pages.length - 1,
        tools: page.tools.map(tool => tool.name),
        nextCursor: page.nextCursor ?? null,
        ttlMs: page.ttlMs ?? null,
        cacheScope: page.cacheScope ?? null
      });
      cursor = page.nextCursor;
    } while (cursor !== undefined && pages.length < 50);
    const aggregate = await client.listTools(undefined, { timeout: timeoutMs });
    emit('list-tools', {
      ok: true,
      pages: pages.length,
      tools: aggregate.tools.map(tool => tool.name),
      ttlMs: aggregate.ttlMs ?? null,
      cacheScope: aggregate.cacheScope ?? null,
      xMcpHeaders: Object.fromEntries(
        aggregate.tools
          .map(tool => [tool.name, Object.entries(tool.inputSchema?.properties ?? {}).filter(([, p]) => p['x-mcp-header']).map(([n, p]) => `${n}:${p['x-mcp-header']}`)])
          .filter(([, mirrored]) => mirrored.length > 0)
      )
    });
  },

  async call({ client, exchanges }) {
    if (!opts.tool) throw new Error('call needs --tool');
    // The tool definitions tell the SDK which arguments to mirror into Mcp-Param-* headers.
    try {
      await client.listTools(undefined, { timeout: timeoutMs });
    } catch (error) {
      emit('list-tools', { ok: false, error: describeError(error, lastExchange(exchanges, 'tools/list')) });
    }
    try {
      const result = await client.callTool({ name: opts.tool, arguments: JSON.parse(opts.args) }, { timeout: timeoutMs });
      const exchange = lastExchange(exchanges, 'tools/call');
      emit('call', {
        ok: true,
        isError: result.isError === true,
        text: result.content?.filter(block => block.type === 'text').map(block => block.text).join('\n'),
        content: result.content,
        structuredContent: result.structuredContent,
        http: { status: exchange?.status, requestHeaders: exchange?.requestHeaders }
      });
    } catch (error) {
      emit('call', { ok: false, error: describeError(error, lastExchange(exchanges, 'tools/call')) });
    }
  },

  async read({ client, exchanges }) {
    if (!opts.uri) throw new Error('read needs --uri');
    try {
      // Bypass the response cache so every run reaches the server.
      const result = await client.readResource({ uri: opts.uri }, { timeout: timeoutMs, cacheMode: 'bypass' });
      const exchange = lastExchange(exchanges, 'resources/read');
      emit('read', {
        ok: true,
        contents: result.contents,
        ttlMs: result.ttlMs ?? null,
        cacheScope: result.cacheScope ?? null,
        http: { status: exchange?.status, requestHeaders: exchange?.requestHeaders }
      });
    } catch (error) {
      emit('read', { ok: false, error: describeError(error, lastExchange(exchanges, 'resources/read')) });
    }
  },

  async prompt({ client, exchanges }) {
    if (!opts.name) throw new Error('prompt needs --name');
    try {
      const result = await client.getPrompt({ name: opts.name, arguments: JSON.parse(opts.args) }, { timeout: timeoutMs });
      const exchange = lastExchange(exchanges, 'prompts/get');
      emit('prompt', { ok: true, messages: result.messages, http: { status: exchange?.status, requestHeaders: exchange?.requestHeaders } });
    } catch (error) {
      emit('prompt', { ok: false, error: describeError(error, lastExchange(exchanges, 'prompts/get')) });
    }
  },

  async listen({ client }) {
    const count = opts.count === undefined ? Infinity : Number.parseInt(opts.count, 10);
    const durationMs = Number.parseInt(opts['duration-ms'] ?? '10000', 10);
    let received = 0;
    let listenedAt;
    let done;
    const finished = new Promise(resolve => (done = resolve));
    for (const method of ['notifications/tools/list_changed', 'notifications/prompts/list_changed', 'notifications/resources/list_changed', 'notifications/resources/updated']) {
      client.setNotificationHandler(method, notification => {
        received++;
        emit('notification', { ok: true, method, params: notification.params ?? {}, at: new Date().toISOString(), sinceListenMs: Date.now() - listenedAt });
        if (received >= count) done('count');
      });
    }
    const resources = opts.resource.length > 0 ? opts.resource : ['docs://public/readme'];
    let subscription;
    if (client.getProtocolEra() === 'modern') {
      subscription = await client.listen(
        { toolsListChanged: true, promptsListChanged: true, resourcesListChanged: true, resourceSubscriptions: resources },
        { timeout: timeoutMs }
      );
      emit('listening', { ok: true, era: 'modern', honoredFilter: subscription.honoredFilter });
      subscription.closed.then(reason => done(`closed:${reason}`));
    } else {
      // 2025 sessions: unsolicited notifications on the session's GET stream, per-resource
      // updates after resources/subscribe.
      for (const uri of resources) await client.subscribeResource({ uri }, { timeout: timeoutMs });
      emit('listening', { ok: true, era: 'legacy', subscribed: resources });
    }
    listenedAt = Date.now();
    if (opts.trigger !== undefined) {
      await client.callTool({ name: 'notify', arguments: { kind: 'tools', count: Number.parseInt(opts.trigger, 10), intervalMs: 200 } }, { timeout: timeoutMs });
    }
    const timer = setTimeout(() => done('duration'), durationMs);
    const why = await finished;
    clearTimeout(timer);
    await subscription?.close();
    emit('listen', {
      ok: count === Infinity || received >= count,
      received,
      endedBy: why,
      closedReason: subscription ? await subscription.closed : null
    });
  },

  async cancel({ client, exchanges }) {
    const afterMs = Number.parseInt(opts['after-ms'], 10);
    const controller = new AbortController();
    const call = client.callTool({ name: 'slow', arguments: { seconds: 30 } }, { signal: controller.signal, timeout: 40_000 });
    const timer = setTimeout(() => controller.abort(new Error(`cancelled by the test after ${afterMs} ms`)), afterMs);
    try {
      const result = await call;
      emit('cancel', { ok: false, reason: 'the call completed instead of being cancelled', result });
      return;
    } catch (error) {
      // 2026-07-28 cancels by closing the request's stream; a 2025 session also POSTs
      // notifications/cancelled, which is sent after the call has already rejected.
      const notified = client.getProtocolEra() === 'legacy' && (await eventually(() => exchanges.some(e => e.rpcMethod === 'notifications/cancelled' && e.status !== undefined)));
      emit('cancel', {
        ok: controller.signal.aborted,
        abortedAfterMs: afterMs,
        era: client.getProtocolEra(),
        cancelledNotificationSent: notified,
        error: describeError(error, lastExchange(exchanges, 'tools/call'))
      });
    } finally {
      clearTimeout(timer);
    }
  },

  async mrtr({ client, exchanges }) {
    const name = 'mrtr_state';
    const args = { note: 'round-trip' };
    if (opts.auto) {
      // The SDK answers the embedded elicitation with the registered handler and retries.
      const result = await client.callTool({ name, arguments: args }, { timeout: timeoutMs });
      const state = JSON.parse(result.content[0].text);
      emit('mrtr', { ok: state.confirmed === true, rounds: exchanges.filter(e => e.rpcMethod === 'tools/call').length, result: state });
      return;
    }
    const first = await client.callTool({ name, arguments: args }, { timeout: timeoutMs, allowInputRequired: true });
    if (client.getProtocolEra() === 'legacy') {
      // 2025 has no input_required on the wire: the server's SDK shim pushed elicitation/create
      // over the session instead, and our handler answered it inside this one call.
      const state = JSON.parse(first.content[0].text);
      emit('mrtr', { ok: state.confirmed === true, era: 'legacy', fulfilledBy: 'server-side shim (elicitation/create pushed to the client)', result: state });
      return;
    }
    emit('input-required', {
      ok: first.resultType === 'input_required' && typeof first.requestState === 'string',
      resultType: first.resultType,
      inputRequests: Object.keys(first.inputRequests ?? {}),
      requestState: first.requestState
    });
    const retry = await client.callTool(
      { name, arguments: args, inputResponses: { confirm: { action: 'accept', content: { ok: true } } }, requestState: first.requestState },
      { timeout: timeoutMs }
    );
    const state = JSON.parse(retry.content[0].text);
    emit('mrtr', { ok: state.receivedRequestState === first.requestState, sentRequestState: first.requestState, result: state });
  }
};

async function raw() {
  const response = await fetch(opts.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...headers
    },
    body: opts.body,
    signal: AbortSignal.timeout(timeoutMs)
  });
  emit('raw', { ok: response.ok, status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() });
}

async function main() {
  const [name] = positionals;
  if (!opts.url || (name !== 'raw' && !scenarios[name])) {
    throw new Error(`usage: modern-client.mjs <${[...Object.keys(scenarios), 'raw'].join('|')}> --url URL [options]`);
  }
  if (name === 'raw') return raw();
  const session = await connected();
  if (!session) return;
  try {
    await scenarios[name](session);
  } catch (error) {
    emit(name, { ok: false, error: describeError(error, lastExchange(session.exchanges)) });
  } finally {
    // A 2025 session is ended with DELETE (it sends nothing when there is no session).
    await session.transport.terminateSession().catch(() => {});
    await session.client.close().catch(() => {});
  }
}

main()
  .catch(error => emit('error', { ok: false, error: describeError(error) }))
  .finally(() => process.exit(failed ? 1 : 0));
