// The tools, resources and prompts the MCP conformance suite's server scenarios call by name
// (@modelcontextprotocol/conformance, `--requirements 2026-07-28` and `2025-11-25`). Names, input
// request keys and texts are the ones the scenarios look for; the implementations are ours.
import {
  acceptedContent,
  CLIENT_CAPABILITIES_META_KEY,
  completable,
  fromJsonSchema,
  inputRequired,
  ResourceTemplate
} from '@modelcontextprotocol/server';
import * as z from 'zod/v4';

// A 1x1 PNG and a minimal WAV: the content scenarios only check type, data and mimeType.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const WAV = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=';

const text = value => ({ content: [{ type: 'text', text: value }] });
const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
const noArgs = z.object({});
const askFor = (property, message) =>
  inputRequired.elicit({
    message,
    requestedSchema: { type: 'object', properties: { [property]: { type: 'string' } }, required: [property] }
  });

/**
 * Registers the conformance fixtures on one server instance.
 * @param env.era 'modern' (2026-07-28, per request) or 'legacy' (2025-era session)
 * @param env.publish (kind, uri?) publishes a change notification to every listener
 * @param env.mintState seals a requestState payload (verified by the server's requestState hook)
 */
export function registerConformanceFixtures(server, env) {
  registerContentTools(server);
  registerStreamingTools(server);
  registerLegacyPushTools(server);
  registerInputRequiredTools(server, env);
  registerStatelessDiagnostics(server, env);
  registerResources(server);
  registerPrompts(server);
}

function registerContentTools(server) {
  server.registerTool('test_simple_text', { description: 'Returns one text block' }, async () =>
    text('This is a simple text response for testing.')
  );
  server.registerTool('test_image_content', { description: 'Returns one image block' }, async () => ({
    content: [{ type: 'image', data: PNG, mimeType: 'image/png' }]
  }));
  server.registerTool('test_audio_content', { description: 'Returns one audio block' }, async () => ({
    content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }]
  }));
  server.registerTool('test_embedded_resource', { description: 'Returns an embedded resource' }, async () => ({
    content: [
      {
        type: 'resource',
        resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' }
      }
    ]
  }));
  server.registerTool('test_multiple_content_types', { description: 'Returns text, image and resource blocks' }, async () => ({
    content: [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: PNG, mimeType: 'image/png' },
      {
        type: 'resource',
        resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: '{"test":"data","value":123}' }
      }
    ]
  }));
  // A thrown error becomes a tool result with isError: true, which is what the scenario expects.
  server.registerTool('test_error_handling', { description: 'Always fails' }, async () => {
    throw new Error('This tool intentionally returns an error for testing');
  });
  server.registerTool(
    'json_schema_2020_12_tool',
    {
      description: 'Declares JSON Schema 2020-12 keywords that must reach the client verbatim',
      inputSchema: fromJsonSchema({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        $defs: {
          address: {
            $anchor: 'addressDef',
            type: 'object',
            properties: { street: { type: 'string' }, city: { type: 'string' } }
          }
        },
        properties: {
          name: { type: 'string' },
          address: { $ref: '#/$defs/address' },
          contactMethod: { type: 'string', enum: ['phone', 'email'] },
          phone: { type: 'string' },
          email: { type: 'string' }
        },
        allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
        if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
        then: { required: ['phone'] },
        else: { required: ['email'] },
        additionalProperties: false
      })
    },
    async args => text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`)
  );
}

// Notifications sent before the result turn the response into an SSE stream.
function registerStreamingTools(server) {
  server.registerTool('test_tool_with_progress', { description: 'Reports progress 0, 50, 100', inputSchema: noArgs }, async (_args, ctx) => {
    const progressToken = ctx.mcpReq._meta?.progressToken;
    if (progressToken !== undefined) {
      for (const progress of [0, 50, 100]) {
        await ctx.mcpReq.notify({
          method: 'notifications/progress',
          params: { progressToken, progress, total: 100, message: `step ${progress}` }
        });
        await pause(20);
      }
    }
    return text(String(progressToken ?? 'no progress token'));
  });
  // Sent as plain notifications/message: the 2025-era scenario sets no log level first.
  server.registerTool('test_tool_with_logging', { description: 'Logs three messages', inputSchema: noArgs }, async (_args, ctx) => {
    for (const data of ['Tool execution started', 'Tool processing data', 'Tool execution completed']) {
      await ctx.mcpReq.notify({ method: 'notifications/message', params: { level: 'info', data } });
      await pause(20);
    }
    return text('Tool with logging executed successfully');
  });
}

// 2025-era server-to-client requests, pushed over the session (the 2025-11-25 scenarios).
// They go on the SSE stream answering the tools/call they belong to (2025-11-25 transports: messages on a
// POST's stream SHOULD relate to that request, those on the GET stream SHOULD NOT). Without a related request
// id the SDK puts them on the standalone GET stream, and silently drops them when that stream is not open yet:
// the client opens GET and POSTs the call at once on two connections, so which reaches the server first is
// chance (through any intermediary the GET often arrives second) and the call would hang.
const onTheCallsStream = ctx => ({ relatedRequestId: ctx.mcpReq.id });

function registerLegacyPushTools(server) {
  const answerOrError = async (label, call) => {
    try {
      return text(await call());
    } catch (error) {
      return { ...text(`${label} not available: ${error instanceof Error ? error.message : error}`), isError: true };
    }
  };
  server.registerTool(
    'test_sampling',
    { description: 'Asks the client for an LLM completion', inputSchema: z.object({ prompt: z.string() }) },
    async ({ prompt }, ctx) =>
      answerOrError('sampling', async () => {
        const result = await ctx.mcpReq.requestSampling(
          { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 100 },
          onTheCallsStream(ctx)
        );
        const content = Array.isArray(result.content) ? result.content[0] : result.content;
        return `LLM response: ${content?.type === 'text' ? content.text : JSON.stringify(result)}`;
      })
  );
  server.registerTool(
    'test_elicitation',
    { description: 'Asks the user for input', inputSchema: z.object({ message: z.string() }) },
    async ({ message }, ctx) =>
      answerOrError('elicitation', async () => {
        const result = await ctx.mcpReq.elicitInput({
          message,
          requestedSchema: {
            type: 'object',
            properties: { response: { type: 'string', description: "User's response" } },
            required: ['response']
          }
        }, onTheCallsStream(ctx));
        return `User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
      })
  );
  const elicitWith = (name, message, properties) =>
    server.registerTool(name, { description: message, inputSchema: noArgs }, async (_args, ctx) =>
      answerOrError('elicitation', async () => {
        const result = await ctx.mcpReq.elicitInput(
          { message, requestedSchema: { type: 'object', properties, required: [] } },
          onTheCallsStream(ctx)
        );
        return `Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;
      })
    );
  elicitWith('test_elicitation_sep1034_defaults', 'Review the defaults', {
    name: { type: 'string', description: 'User name', default: 'John Doe' },
    age: { type: 'integer', description: 'User age', default: 30 },
    score: { type: 'number', description: 'User score', default: 95.5 },
    status: { type: 'string', description: 'User status', enum: ['active', 'inactive', 'pending'], default: 'active' },
    verified: { type: 'boolean', description: 'Verification status', default: true }
  });
  const titled = (prefix, labels) => labels.map((title, i) => ({ const: `${prefix}${i + 1}`, title }));
  elicitWith('test_elicitation_sep1330_enums', 'Pick from every kind of enum', {
    untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
    titledSingle: { type: 'string', oneOf: titled('value', ['First Option', 'Second Option', 'Third Option']) },
    legacyEnum: { type: 'string', enum: ['opt1', 'opt2', 'opt3'], enumNames: ['Option One', 'Option Two', 'Option Three'] },
    untitledMulti: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
    titledMulti: {
      type: 'array',
      minItems: 1,
      maxItems: 3,
      items: { anyOf: titled('value', ['First Choice', 'Second Choice', 'Third Choice']) }
    }
  });
}

// Multi round-trip requests (SEP-2322). Each handler is written once: it asks for whatever is
// still missing. On a 2025-era session the SDK's shim turns the same returns into pushed requests.
function registerInputRequiredTools(server, env) {
  server.registerTool('test_input_required_result_elicitation', { description: 'Asks for a name', inputSchema: noArgs }, async (_args, ctx) => {
    const name = acceptedContent(ctx.mcpReq.inputResponses, 'user_name', z.object({ name: z.string() }))?.name;
    if (name === undefined) {
      return inputRequired({ inputRequests: { user_name: askFor('name', 'What is your name?') } });
    }
    return text(`Hello, ${name}!`);
  });
  server.registerTool('test_input_required_result_sampling', { description: 'Asks for a completion', inputSchema: noArgs }, async (_args, ctx) => {
    const answer = ctx.mcpReq.inputResponses?.capital_question;
    if (answer === undefined) {
      return inputRequired({
        inputRequests: {
          capital_question: inputRequired.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }],
            maxTokens: 100
          })
        }
      });
    }
    return text(`Sampling response: ${answer?.content?.text ?? JSON.stringify(answer)}`);
  });
  server.registerTool('test_input_required_result_list_roots', { description: 'Asks for the roots', inputSchema: noArgs }, async (_args, ctx) => {
    const roots = ctx.mcpReq.inputResponses?.client_roots?.roots;
    if (!Array.isArray(roots)) {
      return inputRequired({ inputRequests: { client_roots: inputRequired.listRoots() } });
    }
    return text(`Client exposed ${roots.length} root(s): ${roots.map(root => root.uri).join(', ')}`);
  });
  const confirm = () =>
    inputRequired.elicit({
      message: 'Please confirm',
      requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] }
    });
  server.registerTool('test_input_required_result_request_state', { description: 'Round-trips requestState', inputSchema: noArgs }, async (_args, ctx) => {
    if (acceptedContent(ctx.mcpReq.inputResponses, 'confirm') === undefined || ctx.mcpReq.requestState() === undefined) {
      return inputRequired({ inputRequests: { confirm: confirm() }, requestState: await env.mintState({ tool: 'request_state' }) });
    }
    return text('state-ok: requestState verified and confirmation received');
  });
  server.registerTool('test_input_required_result_tampered_state', { description: 'Rejects tampered requestState', inputSchema: noArgs }, async (_args, ctx) => {
    // A tampered state never gets here: the server's requestState hook answers -32602 first.
    if (acceptedContent(ctx.mcpReq.inputResponses, 'confirm') !== undefined && ctx.mcpReq.requestState() !== undefined) {
      return text('integrity-ok: requestState verified');
    }
    return inputRequired({ inputRequests: { confirm: confirm() }, requestState: await env.mintState({ tool: 'tampered_state' }) });
  });
  server.registerTool('test_input_required_result_multiple_inputs', { description: 'Asks for three inputs at once', inputSchema: noArgs }, async (_args, ctx) => {
    const responses = ctx.mcpReq.inputResponses;
    const name = acceptedContent(responses, 'user_name')?.name;
    const greeting = responses?.greeting?.content?.text;
    const roots = responses?.client_roots?.roots;
    if (typeof name !== 'string' || typeof greeting !== 'string' || !Array.isArray(roots)) {
      return inputRequired({
        inputRequests: {
          user_name: askFor('name', 'What is your name?'),
          greeting: inputRequired.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
            maxTokens: 50
          }),
          client_roots: inputRequired.listRoots()
        },
        requestState: await env.mintState({ tool: 'multiple_inputs' })
      });
    }
    return text(`${greeting} ${name} (${roots.length} root(s))`);
  });
  // The round number travels in the sealed requestState: nothing survives between requests.
  server.registerTool('test_input_required_result_multi_round', { description: 'Two rounds, then done', inputSchema: noArgs }, async (_args, ctx) => {
    const state = ctx.mcpReq.requestState()?.payload;
    const round = state?.tool === 'multi_round' ? state.round : 0;
    if (round === 0) {
      return inputRequired({
        inputRequests: { step1: askFor('name', 'Step 1: What is your name?') },
        requestState: await env.mintState({ tool: 'multi_round', round: 1 })
      });
    }
    if (round === 1) {
      const name = acceptedContent(ctx.mcpReq.inputResponses, 'step1')?.name ?? 'unknown';
      return inputRequired({
        inputRequests: { step2: askFor('color', 'Step 2: What is your favorite color?') },
        requestState: await env.mintState({ tool: 'multi_round', round: 2, name })
      });
    }
    const color = acceptedContent(ctx.mcpReq.inputResponses, 'step2')?.color ?? 'unknown';
    return text(`Multi-round complete: ${state.name} likes ${color}`);
  });
  // Only ask for kinds of input the request's declared client capabilities cover.
  server.registerTool('test_input_required_result_capabilities', { description: 'Asks only what the client can answer', inputSchema: noArgs }, async (_args, ctx) => {
    if (ctx.mcpReq.inputResponses !== undefined) {
      return text('Capability-aware input requests fulfilled');
    }
    const declared = ctx.mcpReq.envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? {};
    const inputRequests = {};
    if (declared.elicitation !== undefined) inputRequests.user_name = askFor('name', 'What is your name?');
    if (declared.sampling !== undefined) {
      inputRequests.greeting = inputRequired.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: 'Generate a short greeting' } }],
        maxTokens: 50
      });
    }
    if (declared.roots !== undefined) inputRequests.client_roots = inputRequired.listRoots();
    if (Object.keys(inputRequests).length === 0) {
      return text('No declared client capability can answer an input request');
    }
    return inputRequired({ inputRequests });
  });
}

// Tools the server-stateless scenario calls by name (SEP-2575).
function registerStatelessDiagnostics(server, env) {
  // Needs the sampling capability; a request that does not declare it gets -32021.
  server.registerTool('test_missing_capability', { description: 'Requires the sampling capability', inputSchema: noArgs }, async (_args, ctx) => {
    if (ctx.mcpReq.inputResponses?.llm_answer === undefined) {
      return inputRequired({
        inputRequests: {
          llm_answer: inputRequired.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: 'Reply with: pong' } }],
            maxTokens: 16
          })
        }
      });
    }
    return text('sampling answered');
  });
  server.registerTool('test_streaming_elicitation', { description: 'A plain result: no server-to-client request on the stream', inputSchema: noArgs }, async () =>
    text('result only')
  );
  // ctx.mcpReq.log is dropped unless the request's _meta asked for a log level.
  server.registerTool('test_logging_tool', { description: 'Logs only when the request asked for logs', inputSchema: noArgs }, async (_args, ctx) => {
    await ctx.mcpReq.log('info', 'test_logging_tool ran');
    return text('logged through the request-scoped channel');
  });
  server.registerTool('test_trigger_tool_change', { description: 'Publishes tools/list_changed', inputSchema: noArgs }, async () => {
    env.publish('tools');
    return text('tools list change published');
  });
  server.registerTool('test_trigger_prompt_change', { description: 'Publishes prompts/list_changed', inputSchema: noArgs }, async () => {
    env.publish('prompts');
    return text('prompts list change published');
  });
}

function registerResources(server) {
  const fixed = (name, uri, mimeType, body) =>
    server.registerResource(name, uri, { title: name, description: `Fixture ${name}`, mimeType }, async () => ({
      contents: [{ uri, mimeType, ...body }]
    }));
  fixed('static-text', 'test://static-text', 'text/plain', { text: 'This is the content of the static text resource.' });
  fixed('static-binary', 'test://static-binary', 'image/png', { blob: PNG });
  fixed('watched-resource', 'test://watched-resource', 'text/plain', { text: 'Watched resource content' });
  server.registerResource(
    'template',
    new ResourceTemplate('test://template/{id}/data', { list: undefined }),
    { title: 'Resource template', description: 'Substitutes {id}', mimeType: 'application/json' },
    async (uri, { id }) => ({
      contents: [{ uri: uri.toString(), mimeType: 'application/json', text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }]
    })
  );
}

function registerPrompts(server) {
  const user = content => ({ role: 'user', content });
  server.registerPrompt('test_simple_prompt', { title: 'Simple prompt', description: 'No arguments' }, async () => ({
    messages: [user({ type: 'text', text: 'This is a simple prompt for testing.' })]
  }));
  // completable() also gives completion/complete something to answer for this prompt.
  server.registerPrompt(
    'test_prompt_with_arguments',
    {
      title: 'Prompt with arguments',
      description: 'Substitutes arg1 and arg2',
      argsSchema: z.object({
        arg1: completable(z.string().describe('First test argument'), value => ['test', 'testing', 'tested'].filter(v => v.startsWith(value))),
        arg2: z.string().describe('Second test argument')
      })
    },
    async ({ arg1, arg2 }) => ({ messages: [user({ type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` })] })
  );
  server.registerPrompt(
    'test_prompt_with_embedded_resource',
    { title: 'Prompt with a resource', description: 'Embeds resourceUri', argsSchema: z.object({ resourceUri: z.string() }) },
    async ({ resourceUri }) => ({
      messages: [
        user({ type: 'resource', resource: { uri: resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } }),
        user({ type: 'text', text: 'Please process the embedded resource above.' })
      ]
    })
  );
  server.registerPrompt('test_prompt_with_image', { title: 'Prompt with an image', description: 'Includes a PNG' }, async () => ({
    messages: [user({ type: 'image', data: PNG, mimeType: 'image/png' }), user({ type: 'text', text: 'Please analyze the image above.' })]
  }));
  // Without argsSchema the callback's only argument is the request context.
  server.registerPrompt('test_input_required_result_prompt', { title: 'Prompt needing input', description: 'Asks for context first' }, async ctx => {
    const context = acceptedContent(ctx.mcpReq.inputResponses, 'user_context')?.context;
    if (typeof context !== 'string') {
      return inputRequired({ inputRequests: { user_context: askFor('context', 'What context should the prompt use?') } });
    }
    return { messages: [user({ type: 'text', text: `Use the following context: ${context}` })] };
  });
}
