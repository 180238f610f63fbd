// Fixtures for the gateway's own tests: what a test needs to see from behind the gateway
// (headers that arrived, cancellations, MRTR state, listen notifications) and names to hang
// per-tool, per-prompt and per-resource authorization rules on.
import { acceptedContent, fromJsonSchema, inputRequired } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

import { headerObject } from './status.mjs';

const text = value => ({ content: [{ type: 'text', text: value }] });
const json = value => text(JSON.stringify(value));

/**
 * @param env.era 'modern' or 'legacy'
 * @param env.status the upstream's status recorder
 * @param env.publishSeries (kind, uri, count, intervalMs) publishes notifications one by one
 * @param env.mintState seals a requestState payload
 */
export function registerGatewayFixtures(server, env) {
  server.registerTool('echo', { description: 'Returns its text argument', inputSchema: z.object({ text: z.string() }) }, async ({ text: value }) =>
    text(value)
  );

  // Every header this server received for the call, so a test can prove what the gateway
  // added (identity headers) and removed (the client's Authorization).
  server.registerTool('whoami', { description: 'Returns the HTTP request headers of this call as JSON', inputSchema: z.object({}) }, async (_args, ctx) =>
    json({ era: env.era, sessionId: ctx.sessionId ?? null, headers: headerObject(ctx.http?.req?.headers) })
  );

  server.registerTool('admin_action', { description: 'A privileged action (the gateway demands a special scope)', inputSchema: z.object({}) }, async () =>
    text('admin action done')
  );

  // Waits until cancelled (closing the request's stream on 2026-07-28, notifications/cancelled
  // on a 2025 session), or until `seconds` pass. The cancellation is recorded for /__status.
  server.registerTool(
    'slow',
    { description: 'Waits up to `seconds` (max 30) unless cancelled', inputSchema: z.object({ seconds: z.number().min(0).max(30).optional() }) },
    async ({ seconds = 30 }, ctx) => {
      const signal = ctx.mcpReq.signal;
      const finished = await new Promise(resolve => {
        if (signal.aborted) return resolve(false);
        const timer = setTimeout(() => resolve(true), seconds * 1000);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve(false);
        });
      });
      if (!finished) {
        env.status.cancelled('slow', env.era, signal.reason instanceof Error ? signal.reason.message : signal.reason);
      }
      return text(finished ? `completed after ${seconds}s` : 'cancelled');
    }
  );

  // SEP-2243: `region` and `count` are mirrored by clients into Mcp-Param-Region and
  // Mcp-Param-Count. The spec allows string, integer and boolean here (not number).
  server.registerTool(
    'route_call',
    {
      description: 'Echoes its arguments and the Mcp-Param-* headers it received',
      inputSchema: fromJsonSchema({
        type: 'object',
        properties: {
          region: { type: 'string', description: 'Routing region', 'x-mcp-header': 'Region' },
          count: { type: 'integer', description: 'How many', 'x-mcp-header': 'Count' },
          note: { type: 'string', description: 'Not mirrored' }
        },
        required: ['region']
      })
    },
    async (args, ctx) => {
      const headers = headerObject(ctx.http?.req?.headers);
      const mirrored = Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('mcp-param-')));
      return json({ arguments: args, mcpParamHeaders: mirrored });
    }
  );

  // SEP-2322: the first call answers input_required with a sealed requestState; the retry that
  // echoes it (with the confirmation) gets a result naming the state it received.
  server.registerTool(
    'mrtr_state',
    { description: 'input_required with requestState, then a result echoing the state', inputSchema: z.object({ note: z.string().optional() }) },
    async ({ note }, ctx) => {
      const state = ctx.mcpReq.requestState();
      const confirmation = acceptedContent(ctx.mcpReq.inputResponses, 'confirm', z.object({ ok: z.boolean() }));
      if (state === undefined || confirmation === undefined) {
        return inputRequired({
          inputRequests: {
            confirm: inputRequired.elicit({
              message: 'Confirm the action',
              requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] }
            })
          },
          requestState: await env.mintState({ tool: 'mrtr_state', note: note ?? null })
        });
      }
      return json({ receivedRequestState: state.raw, decodedState: state.payload, confirmed: confirmation.ok });
    }
  );

  // Publishes change notifications one by one after the call returns, for listen streams
  // (2026-07-28) and 2025 sessions' standalone streams alike.
  server.registerTool(
    'notify',
    {
      description: 'Publishes `count` change notifications, `intervalMs` apart',
      inputSchema: z.object({
        kind: z.enum(['tools', 'prompts', 'resources', 'resource']).optional(),
        uri: z.string().optional(),
        count: z.number().int().min(1).max(100).optional(),
        intervalMs: z.number().int().min(0).max(10_000).optional()
      })
    },
    async ({ kind = 'tools', uri = 'docs://public/readme', count = 3, intervalMs = 200 }) => {
      env.publishSeries(kind, uri, count, intervalMs);
      return json({ scheduled: count, kind, uri, intervalMs });
    }
  );

  const doc = (name, uri, body, cacheHint) =>
    server.registerResource(name, uri, { title: name, description: `Document ${uri}`, mimeType: 'text/markdown', cacheHint }, async () => ({
      contents: [{ uri, mimeType: 'text/markdown', text: body }]
    }));
  doc('readme', 'docs://public/readme', '# Readme\nAnyone may read this.', { ttlMs: 30_000, cacheScope: 'public' });
  doc('plan', 'docs://secret/plan', '# Plan\nOnly some callers may read this.', { ttlMs: 0, cacheScope: 'private' });

  server.registerPrompt('greeting', { title: 'Greeting', description: 'Greets someone', argsSchema: z.object({ name: z.string() }) }, async ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Say hello to ${name}.` } }]
  }));
  server.registerPrompt('admin_prompt', { title: 'Admin prompt', description: 'A privileged prompt' }, async () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'Run the admin checklist.' } }]
  }));
}
