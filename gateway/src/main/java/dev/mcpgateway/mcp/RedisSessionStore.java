package dev.mcpgateway.mcp;

import dev.mcpgateway.config.RedisUri;
import dev.mcpgateway.store.RedisConnection;
import dev.mcpgateway.web.Json;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Base64;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Session bindings in Redis, so that every replica of the gateway agrees on who owns a session.
 * One key per binding, so it works on one server, a Sentinel-managed master and a Redis Cluster alike.
 * Reactive Lettuce only: nothing waits on a Redis future. While Redis is unreachable, commands fail fast (the
 * caller answers {@code 503}) instead of queueing ({@link RedisConnection}).
 */
final class RedisSessionStore implements SessionStore {

    static final String KEY_PREFIX = "mcp-gateway:session:";
    static final String SECRET_PREFIX = "mcp-gateway:secret:";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /** The commands a single server's and a cluster's connections both offer. */
    private final RedisConnection<RedisClusterReactiveCommands<String, String>> redis;

    private final Duration ttl;

    RedisSessionStore(RedisUri uri, Duration ttl) {
        this.redis = RedisConnection.<String, String, RedisClusterReactiveCommands<String, String>>open(
                uri,
                StringCodec.UTF8,
                COMMAND_TIMEOUT,
                StatefulRedisConnection::reactive,
                StatefulRedisClusterConnection::reactive);
        this.ttl = ttl;
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

    /** {@code SET NX} without expiry, then {@code GET}: the first replica's candidate wins for all of them. */
    @Override
    public Mono<byte[]> sharedSecret(String name, byte[] candidate) {
        String key = SECRET_PREFIX + name;
        return commands()
                .flatMap(redis -> redis.set(key, Base64.getEncoder().encodeToString(candidate), SetArgs.Builder.nx())
                        .then(redis.get(key)))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Redis lost the shared secret " + name)))
                .map(Base64.getDecoder()::decode);
    }

    @Override
    public Mono<Void> remove(String key) {
        return commands().flatMap(redis -> redis.del(KEY_PREFIX + key)).then();
    }

    private Mono<RedisClusterReactiveCommands<String, String>> commands() {
        return redis.get();
    }

    private String write(SessionBinding binding) {
        ObjectNode node = Json.STRICT
                .createObjectNode()
                .put("iss", binding.owner().issuer())
                .put("sub", binding.owner().subject())
                .put("client", binding.owner().client());
        if (binding.upstreamEndpoint() != null) {
            node.put("endpoint", binding.upstreamEndpoint());
        }
        return Json.STRICT.writeValueAsString(node);
    }

    private SessionBinding read(String value) {
        JsonNode node = Json.STRICT.readTree(value);
        return new SessionBinding(
                new SessionOwner(
                        node.path("iss").stringValue(null),
                        node.path("sub").stringValue(null),
                        node.path("client").asBoolean(false)),
                node.path("endpoint").stringValue(null));
    }

    @Override
    public void close() {
        redis.close();
    }
}
