package dev.mcpgateway.mcp;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Session bindings in Redis, so that every replica of the gateway agrees on who owns a session.
 * Reactive Lettuce only: nothing waits on a Redis future. The connection is opened on first use
 * and re-opened after a failed attempt; while Redis is unreachable, commands fail fast (the
 * caller answers {@code 503}) instead of queueing.
 */
final class RedisSessionStore implements SessionStore {

    static final String KEY_PREFIX = "mcp-gateway:session:";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration ttl;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicReference<Mono<StatefulRedisConnection<String, String>>> connection = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisSessionStore(URI redis, Duration ttl) {
        this.uri = RedisURI.create(redis);
        this.uri.setTimeout(COMMAND_TIMEOUT);
        this.ttl = ttl;
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
    }

    @Override
    public Mono<SessionBinding> find(String key) {
        return commands()
                .flatMap(redis -> redis.getex(KEY_PREFIX + key, GetExArgs.Builder.ex(ttl)))
                .map(this::read);
    }

    @Override
    public Mono<SessionBinding> bindIfAbsent(String key, SessionBinding binding) {
        return commands()
                .flatMap(redis -> redis.set(
                        KEY_PREFIX + key, write(binding), SetArgs.Builder.nx().ex(ttl)))
                .map(ok -> binding)
                .switchIfEmpty(Mono.defer(() -> find(key).defaultIfEmpty(binding)));
    }

    @Override
    public Mono<Void> remove(String key) {
        return commands().flatMap(redis -> redis.del(KEY_PREFIX + key)).then();
    }

    private Mono<RedisReactiveCommands<String, String>> commands() {
        Mono<StatefulRedisConnection<String, String>> current = connection.get();
        if (current == null) {
            Mono<StatefulRedisConnection<String, String>> attempt = Mono.fromCompletionStage(
                            () -> client.connectAsync(StringCodec.UTF8, uri))
                    .cache();
            current = connection.compareAndSet(null, attempt) ? attempt : connection.get();
        }
        Mono<StatefulRedisConnection<String, String>> used = current;
        return used.doOnError(failed -> connection.compareAndSet(used, null)).map(StatefulRedisConnection::reactive);
    }

    private String write(SessionBinding binding) {
        ObjectNode node = json.createObjectNode()
                .put("iss", binding.owner().issuer())
                .put("sub", binding.owner().subject())
                .put("client", binding.owner().client());
        if (binding.upstreamEndpoint() != null) {
            node.put("endpoint", binding.upstreamEndpoint());
        }
        return json.writeValueAsString(node);
    }

    private SessionBinding read(String value) {
        JsonNode node = json.readTree(value);
        return new SessionBinding(
                new SessionOwner(
                        node.path("iss").stringValue(null),
                        node.path("sub").stringValue(null),
                        node.path("client").asBoolean(false)),
                node.path("endpoint").stringValue(null));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Mono<StatefulRedisConnection<String, String>> current = connection.getAndSet(null);
        if (current != null) {
            current.subscribe(StatefulRedisConnection::closeAsync, failed -> {});
        }
        client.shutdownAsync();
    }
}
