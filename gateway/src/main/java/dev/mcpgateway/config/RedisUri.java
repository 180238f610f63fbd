package dev.mcpgateway.config;

import io.lettuce.core.RedisURI;
import io.lettuce.core.StaticCredentialsProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The address of a Redis that replicas share (rate-limit buckets, session bindings), in one string so that a single
 * {@code ${REDIS_URL}} placeholder (a Helm value, a Secret) can carry any deployment:
 *
 * <ul>
 *   <li>{@code redis://[[user:]password@]host[:port][/database]}, {@code rediss://} with TLS: one server;
 *   <li>{@code redis-sentinel://[[user:]password@]sentinel1[:port][,sentinel2[:port]…][/database]#master}
 *       ({@code ?sentinelMasterId=master} instead of the fragment), {@code rediss-sentinel://} with TLS to sentinels
 *       and data nodes: Redis Sentinel, Lettuce's syntax; the password is the data nodes', a sentinel's own is
 *       {@code ?sentinelPassword=…};
 *   <li>{@code redis-cluster://[[user:]password@]node1[:port][,node2[:port]…]}, {@code rediss-cluster://} with TLS:
 *       the seed nodes of a Redis Cluster (Lettuce has no URL form for it; this one mirrors the Sentinel form).
 * </ul>
 *
 * Parsed by Lettuce's {@link RedisURI} (one server, Sentinel; each cluster seed), validated once when
 * {@code routes.yaml} loads, with errors that never echo the value, and never printed with a password.
 *
 * @see <a href="https://github.com/redis/lettuce/wiki/Redis-URI-and-connection-details">Lettuce, Redis URI</a>
 */
public final class RedisUri {

    /** How the gateway reaches the data: one server, the master a Sentinel names, or a cluster. */
    public enum Topology {
        STANDALONE,
        SENTINEL,
        CLUSTER
    }

    static final String FORMS = "'memory', redis://[[user:]password@]host[:port][/database] (rediss:// for TLS), "
            + "redis-sentinel://[[user:]password@]sentinel1[:port][,sentinel2[:port]...][/database]#master "
            + "(rediss-sentinel:// for TLS), or redis-cluster://[[user:]password@]node1[:port][,node2[:port]...] "
            + "(rediss-cluster:// for TLS); percent-encode @ / ? # % in a password";

    private static final Set<String> STANDALONE_SCHEMES = Set.of("redis", "rediss");
    private static final Set<String> SENTINEL_SCHEMES = Set.of("redis-sentinel", "rediss-sentinel");
    private static final Set<String> CLUSTER_SCHEMES = Set.of("redis-cluster", "rediss-cluster");
    /** A host with a port: {@code name:6379}, {@code 10.0.0.1:6379} or {@code [fd00::1]:6379}. */
    private static final Pattern PORT = Pattern.compile("(\\[.*]|[^\\[]*):\\d+");
    /** Nothing, {@code /} or {@code /<database>}. */
    private static final Pattern DATABASE = Pattern.compile("(/\\d{0,9})?");

    private final Topology topology;
    private final URI uri;
    private final String description;

    private RedisUri(Topology topology, URI uri) {
        this.topology = topology;
        this.uri = uri;
        this.description = describe(topology, uri);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong and the accepted forms, never echoing the value, which may
     *     hold a password
     */
    public static RedisUri parse(String text) {
        String trimmed = text.trim();
        int separator = trimmed.indexOf("://");
        String scheme = separator < 0 ? "" : trimmed.substring(0, separator).toLowerCase(Locale.ROOT);
        Topology topology = topology(scheme);
        URI uri;
        try {
            uri = new URI(scheme + trimmed.substring(separator));
        } catch (URISyntaxException e) {
            throw invalid(
                    trimmed.contains("[") && trimmed.contains(",")
                            ? "a list of hosts takes names or IPv4 addresses, not [IPv6] ones"
                            : "it is not a valid URL");
        }
        if (uri.getRawFragment() != null && topology != Topology.SENTINEL) {
            throw invalid("only a redis-sentinel:// URL names a master after '#'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!DATABASE.matcher(path).matches()) {
            throw invalid("the database after the hosts must be a number, as in redis://host:6379/0");
        }
        if (topology == Topology.CLUSTER && !path.isEmpty() && !path.equals("/") && !path.equals("/0")) {
            throw invalid("Redis Cluster has only database 0");
        }
        RedisUrlQuery.problem(uri, topology == Topology.SENTINEL).ifPresent(problem -> {
            throw invalid(problem);
        });
        if (topology == Topology.STANDALONE && uri.getHost() == null) {
            throw invalid(
                    hosts(uri).size() > 1
                            ? "a redis:// URL names one server; list several with redis-sentinel://…#master "
                                    + "(Sentinel) or redis-cluster:// (Cluster)"
                            : "it has no valid host and port");
        }
        if (topology == Topology.SENTINEL && master(uri) == null) {
            throw invalid("a Sentinel URL names its master after '#' or in ?sentinelMasterId=, as in "
                    + "redis-sentinel://sentinel-1:26379,sentinel-2:26379#mymaster");
        }
        RedisUri parsed = new RedisUri(topology, uri);
        try {
            if (topology == Topology.CLUSTER) {
                parsed.clusterSeeds();
            } else {
                parsed.lettuceUri();
            }
        } catch (RuntimeException e) {
            // Lettuce's own messages may quote the URL, password included.
            throw invalid("a host or port is not valid (ports are 1 to 65535)");
        }
        return parsed;
    }

    public Topology topology() {
        return topology;
    }

    /**
     * A new Lettuce URI of a single server or of a Sentinel deployment (Lettuce's URIs are mutable: one per client),
     * with the sentinels' own password when {@code ?sentinelPassword=} gives one.
     *
     * @throws IllegalStateException for a cluster, which has {@link #clusterSeeds()} instead
     */
    public RedisURI lettuceUri() {
        if (topology == Topology.CLUSTER) {
            throw new IllegalStateException("A Redis Cluster has seed nodes, not one URI");
        }
        String sentinelPassword = RedisUrlQuery.parameter(uri, RedisUrlQuery.SENTINEL_PASSWORD);
        RedisURI lettuce = RedisURI.create(RedisUrlQuery.without(uri, RedisUrlQuery.SENTINEL_PASSWORD));
        if (sentinelPassword != null) {
            lettuce.getSentinels()
                    .forEach(sentinel -> sentinel.setCredentialsProvider(
                            new StaticCredentialsProvider(null, sentinelPassword.toCharArray())));
        }
        return lettuce;
    }

    /**
     * New Lettuce URIs of the nodes a cluster client starts from (it discovers the others), each with the URL's
     * credentials, TLS and parameters.
     *
     * @throws IllegalStateException unless this is a cluster
     */
    public List<RedisURI> clusterSeeds() {
        if (topology != Topology.CLUSTER) {
            throw new IllegalStateException("Only a Redis Cluster has seed nodes");
        }
        String scheme = uri.getScheme().equals("rediss-cluster") ? "rediss://" : "redis://";
        String userInfo = rawUserInfo(uri);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts(uri)) {
            URI seed = URI.create(scheme + userInfo + host + query);
            if (seed.getHost() == null) {
                throw new IllegalArgumentException("A cluster node is not host[:port]");
            }
            seeds.add(RedisURI.create(seed));
        }
        return seeds;
    }

    /**
     * For logs, health details and errors: scheme, hosts and ports (and a Sentinel's master), never user, password or
     * parameters.
     */
    public String describe() {
        return description;
    }

    /** Never prints the password: configuration may end up in logs. */
    @Override
    public String toString() {
        return description;
    }

    /** Two URLs are the same store when they are the same text (a reload that changes it switches stores). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RedisUri that && uri.equals(that.uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    private static Topology topology(String scheme) {
        if (STANDALONE_SCHEMES.contains(scheme)) {
            return Topology.STANDALONE;
        }
        if (SENTINEL_SCHEMES.contains(scheme)) {
            return Topology.SENTINEL;
        }
        if (CLUSTER_SCHEMES.contains(scheme)) {
            return Topology.CLUSTER;
        }
        throw new IllegalArgumentException("must be " + FORMS);
    }

    private static IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("is not a valid Redis URL: " + reason + ". Accepted: " + FORMS);
    }

    /** As Lettuce reads it: the query parameter wins over the fragment. */
    private static @Nullable String master(URI uri) {
        String parameter = RedisUrlQuery.parameter(uri, RedisUrlQuery.MASTER);
        if (parameter != null && !parameter.isEmpty()) {
            return parameter;
        }
        String fragment = uri.getFragment();
        return fragment == null || fragment.isEmpty() ? null : fragment;
    }

    /** The comma-separated hosts of the authority (after any credentials), as written. */
    private static List<String> hosts(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return List.of();
        }
        return List.of(authority.substring(authority.lastIndexOf('@') + 1).split(",", -1));
    }

    /**
     * What precedes the hosts, with its '@' ({@link URI#getRawUserInfo()} is empty for a multi-host authority, which is
     * not server-based).
     */
    private static String rawUserInfo(URI uri) {
        String authority = uri.getRawAuthority();
        int at = authority == null ? -1 : authority.lastIndexOf('@');
        return at < 0 ? "" : authority.substring(0, at + 1);
    }

    private static String describe(Topology topology, URI uri) {
        String scheme = uri.getScheme() + "://";
        return switch (topology) {
            case STANDALONE ->
                scheme + uri.getHost() + ":" + (uri.getPort() == -1 ? RedisURI.DEFAULT_REDIS_PORT : uri.getPort());
            case SENTINEL ->
                scheme + String.join(",", withPorts(uri, RedisURI.DEFAULT_SENTINEL_PORT)) + "#" + master(uri);
            case CLUSTER -> scheme + String.join(",", withPorts(uri, RedisURI.DEFAULT_REDIS_PORT));
        };
    }

    private static List<String> withPorts(URI uri, int defaultPort) {
        return hosts(uri).stream()
                .map(host -> PORT.matcher(host).matches() ? host : host + ":" + defaultPort)
                .toList();
    }
}
