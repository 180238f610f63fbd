package dev.mcpgateway.mrtr;

import dev.mcpgateway.mcp.RewritingResponse;
import dev.mcpgateway.mcp.SseEvent;
import dev.mcpgateway.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response side of request-state sealing: in the answer to one {@code tools/call}, {@code prompts/get} or
 * {@code resources/read}, an {@code InputRequiredResult} ({@code resultType: "input_required"}, MCP 2026-07-28
 * basic/patterns/mrtr) has its {@code requestState} replaced by the gateway's sealed envelope, in a JSON body or in
 * any event of a stream. Every other message keeps its bytes.
 */
final class SealingRewrite implements RewritingResponse.Rewrite {

    private static final String INPUT_REQUIRED = "input_required";

    private final RequestStateSealer sealer;
    private final RequestBinding binding;

    SealingRewrite(RequestStateSealer sealer, RequestBinding binding) {
        this.sealer = sealer;
        this.binding = binding;
    }

    @Override
    public Mono<byte[]> event(SseEvent event) {
        String data = event.data();
        if (!event.isMessage() || data == null) {
            return Mono.just(event.raw());
        }
        return Mono.fromCallable(() -> sealed(data).map(event::withData).orElse(event.raw()));
    }

    @Override
    public Mono<byte[]> json(byte[] body) {
        return Mono.fromCallable(() -> sealed(new String(body, StandardCharsets.UTF_8))
                .map(json -> json.getBytes(StandardCharsets.UTF_8))
                .orElse(body));
    }

    /** The message with its request state sealed; empty when it carries none (or is not a message at all). */
    private Optional<String> sealed(String json) {
        JsonNode message;
        try {
            message = Json.STRICT.readTree(json);
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
        JsonNode result = message == null ? null : message.get("result");
        if (result == null
                || !result.isObject()
                || !INPUT_REQUIRED.equals(result.path("resultType").stringValue(null))
                || !result.path(ParamsDigest.REQUEST_STATE).isString()) {
            return Optional.empty();
        }
        ObjectNode copy = ((ObjectNode) message).deepCopy();
        ObjectNode sealedResult = (ObjectNode) copy.get("result");
        sealedResult.put(
                ParamsDigest.REQUEST_STATE,
                sealer.seal(result.get(ParamsDigest.REQUEST_STATE).stringValue(), binding));
        return Optional.of(Json.STRICT.writeValueAsString(copy));
    }
}
