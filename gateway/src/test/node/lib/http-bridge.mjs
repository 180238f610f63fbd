// Bridges Node's http module to the web-standard Request/Response the v2 server SDK speaks.
// The SDK's own Node adapter (@modelcontextprotocol/node) is not published at 2.4.0, so this
// small bridge stands in for it; it owns the two details that matter to the tests:
//  - a client that goes away (TCP close before the response ended) aborts the Request's signal
//    and cancels the response body, which is how a 2026-07-28 server learns of a cancellation;
//  - response bodies are written chunk by chunk with headers flushed first, so SSE events leave
//    the process one by one.

/** Reads a whole request body; MCP POST bodies are small JSON documents. */
export async function readBody(req, limit = 4 * 1024 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) {
      throw Object.assign(new Error('request body too large'), { status: 413 });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Headers of a Node request as a web Headers object, keeping repeated headers. */
export function webHeaders(req) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  return headers;
}

/**
 * Builds the web Request for a Node request whose body was already read. The signal aborts when
 * the client disconnects before the response has been written completely.
 */
export function toWebRequest(req, res, body) {
  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort(new Error('client disconnected'));
  });
  // The Host header is used as is (a DNS-rebinding probe sends a foreign one); a Host that is
  // not a valid authority falls back to loopback so the URL can still be built.
  let url;
  try {
    url = new URL(req.url, `http://${req.headers.host ?? '127.0.0.1'}`);
  } catch {
    url = new URL(req.url, 'http://127.0.0.1');
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers: webHeaders(req),
    body: hasBody ? body : undefined,
    signal: aborter.signal
  });
}

/** Writes a web Response to a Node response, streaming its body without buffering. */
export async function writeWebResponse(res, response) {
  const headers = {};
  response.headers.forEach((value, name) => {
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  });
  if (response.statusText) res.writeHead(response.status, response.statusText, headers);
  else res.writeHead(response.status, headers);
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // Cancelling the reader tells the SDK the stream's consumer is gone.
  res.on('close', () => {
    if (!res.writableFinished) reader.cancel(new Error('client disconnected')).catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        await new Promise(resolve => res.once('drain', resolve).once('close', resolve));
      }
      if (res.destroyed) return;
    }
    res.end();
  } catch {
    res.destroy();
  }
}

/** Sends a small JSON document (control endpoints and transport-level errors). */
export function sendJson(res, status, document) {
  const text = JSON.stringify(document);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
