// What reached this upstream, kept so tests can assert on it through GET /__status: a gateway
// test can then prove which calls, headers and cancellations the gateway let through.

export function createStatus() {
  let state;
  const reset = () => {
    state = {
      startedAt: new Date().toISOString(),
      // JSON-RPC requests by method, as seen on the wire (both eras, including rejected ones).
      requests: {},
      // tools/call, prompts/get and resources/read that reached this server, by tool or prompt
      // name or resource URI: how many, and the HTTP request headers of the last one
      // (lower-case names), whether or not the SDK then accepted the request.
      tools: {},
      prompts: {},
      resources: {},
      // Every request whose handler saw its cancellation signal fire.
      cancellations: [],
      // HTTP exchanges the client abandoned before the response ended, by JSON-RPC method.
      clientDisconnects: {},
      listen: { open: 0, opened: 0, closed: 0 },
      legacySessions: { open: 0, opened: 0, deleted: 0 },
      notificationsPublished: []
    };
  };
  reset();

  const bump = (map, key) => {
    map[key] = (map[key] ?? 0) + 1;
  };

  return {
    reset,
    snapshot: () => structuredClone(state),
    request: method => bump(state.requests, method ?? '(none)'),
    call(method, name, headers) {
      const kind = { 'tools/call': 'tools', 'prompts/get': 'prompts', 'resources/read': 'resources' }[method];
      if (kind === undefined || typeof name !== 'string') return;
      const entry = (state[kind][name] ??= { calls: 0, lastHeaders: {} });
      entry.calls++;
      entry.lastHeaders = headers;
    },
    cancelled(name, era, reason) {
      state.cancellations.push({ name, era, reason: String(reason ?? ''), at: new Date().toISOString() });
    },
    clientDisconnected: method => bump(state.clientDisconnects, method ?? '(none)'),
    listenOpened() {
      state.listen.open++;
      state.listen.opened++;
    },
    listenClosed() {
      state.listen.open--;
      state.listen.closed++;
    },
    sessionOpened() {
      state.legacySessions.open++;
      state.legacySessions.opened++;
    },
    sessionClosed(deleted) {
      state.legacySessions.open--;
      if (deleted) state.legacySessions.deleted++;
    },
    published(kind, uri) {
      state.notificationsPublished.push({ kind, uri, at: new Date().toISOString() });
    }
  };
}

/** A request's headers as a plain object with lower-case names. */
export function headerObject(headers) {
  const result = {};
  headers?.forEach((value, name) => {
    result[name] = value;
  });
  return result;
}
