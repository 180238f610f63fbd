// tools/list in pages of a fixed size, so paginated listings (and per-page cache hints) can be
// tested. McpServer itself always answers with one page, so its tools/list handler is replaced;
// the definitions are built from the same registrations it would use.
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

const EMPTY_OBJECT = { type: 'object', properties: {} };

/** Records every tool registered on `server` (in order) so the pages can list them. */
export function trackTools(server) {
  const tools = new Map();
  const register = server.registerTool.bind(server);
  server.registerTool = (name, config, callback) => {
    const handle = register(name, config, callback);
    tools.set(name, handle);
    return handle;
  };
  return tools;
}

/** Answers tools/list `pageSize` tools at a time; the cursor is the index of the next tool. */
export function paginateTools(server, tools, pageSize) {
  server.server.removeRequestHandler('tools/list');
  server.server.setRequestHandler('tools/list', async request => {
    const start = Number.parseInt(request.params?.cursor ?? '0', 10);
    const listed = [...tools].filter(([, tool]) => tool.enabled);
    if (!Number.isSafeInteger(start) || start < 0 || start > listed.length) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Invalid cursor: ${request.params?.cursor}`);
    }
    const page = listed.slice(start, start + pageSize).map(([name, tool]) => ({
      name,
      title: tool.title,
      description: tool.description,
      inputSchema: server.toolInputSchemaJson(name) ?? EMPTY_OBJECT,
      annotations: tool.annotations,
      _meta: tool._meta
    }));
    const next = start + pageSize;
    return next < listed.length ? { tools: page, nextCursor: String(next) } : { tools: page };
  });
}
