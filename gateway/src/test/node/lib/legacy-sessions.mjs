// 2025-era serving with real sessions (Mcp-Session-Id, the standalone GET stream, DELETE), the
// way a deployed 2025-11-25 server behaves. createMcpHandler's own legacy leg is stateless,
// which cannot push server-to-client requests or unsolicited notifications to a session.
import { randomUUID } from 'node:crypto';

import { isInitializeRequest, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

const rpcError = (status, code, message) =>
  Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });

/**
 * @param buildServer () => McpServer, called once per session
 * @param status the upstream's status recorder
 */
export function createLegacySessions(buildServer, status) {
  const sessions = new Map();

  async function open(request, parsedBody) {
    const server = buildServer();
    const subscriptions = new Set();
    // resources/subscribe is per session in the 2025 revisions: remember the URIs so updates
    // go only to the sessions that asked for them.
    server.server.setRequestHandler('resources/subscribe', async ({ params }) => {
      subscriptions.add(params.uri);
      return {};
    });
    server.server.setRequestHandler('resources/unsubscribe', async ({ params }) => {
      subscriptions.delete(params.uri);
      return {};
    });
    let deleted = false;
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: id => {
        sessions.set(id, { server, transport, subscriptions });
        status.sessionOpened();
      },
      onsessionclosed: () => {
        deleted = true;
      }
    });
    transport.onclose = () => {
      if (transport.sessionId && sessions.delete(transport.sessionId)) status.sessionClosed(deleted);
    };
    await server.connect(transport);
    return transport.handleRequest(request, { parsedBody });
  }

  return {
    /** Serves one 2025-era HTTP request (POST, GET stream or DELETE). */
    async handle(request, parsedBody) {
      const id = request.headers.get('mcp-session-id');
      if (id) {
        const session = sessions.get(id);
        return session ? session.transport.handleRequest(request, { parsedBody }) : rpcError(404, -32001, 'Session not found');
      }
      if (request.method === 'POST' && isInitializeRequest(parsedBody)) {
        return open(request, parsedBody);
      }
      return rpcError(400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    },

    /** Sends one change notification to every session that may receive it. */
    publish(kind, uri) {
      for (const { server, subscriptions } of sessions.values()) {
        const sent =
          kind === 'tools' ? server.sendToolListChanged()
          : kind === 'prompts' ? server.sendPromptListChanged()
          : kind === 'resources' ? server.sendResourceListChanged()
          : subscriptions.has(uri) ? server.server.sendResourceUpdated({ uri })
          : undefined;
        Promise.resolve(sent).catch(() => {});
      }
    },

    async close() {
      await Promise.allSettled([...sessions.values()].map(({ transport }) => transport.close()));
    }
  };
}
