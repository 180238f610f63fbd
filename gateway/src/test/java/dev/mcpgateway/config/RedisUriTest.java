package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.config.RedisUri.Topology;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every accepted form of a shared-store URL becomes the Lettuce URIs it means (one server, Sentinel, Cluster), each
 * bad one gets a message naming the problem and the accepted forms, and no form ever prints a password.
 */
class RedisUriTest {

    @Test
    void oneServerUrlKeepsHostPortDatabaseCredentialsAndTls() {
        RedisUri uri = RedisUri.parse("REDIS://alice:hunter2@redis.internal:6380/2");
        assertThat(uri.topology()).isEqualTo(Topology.STANDALONE);
        RedisURI lettuce = uri.lettuceUri();
        assertThat(lettuce.getHost()).isEqualTo("redis.internal");
        assertThat(lettuce.getPort()).isEqualTo(6380);
        assertThat(lettuce.getDatabase()).isEqualTo(2);
        assertThat(lettuce.isSsl()).isFalse();
        assertThat(credentials(lettuce)).containsExactly("alice", "hunter2");
        assertThat(uri.describe()).isEqualTo("redis://redis.internal:6380");

        RedisUri tls = RedisUri.parse("rediss://:hunter2@redis.internal?verifyPeer=CA");
        assertThat(tls.lettuceUri().isSsl()).isTrue();
        assertThat(tls.lettuceUri().getVerifyMode()).hasToString("CA");
        assertThat(credentials(tls.lettuceUri())).containsExactly(null, "hunter2");
        assertThat(tls.describe()).isEqualTo("rediss://redis.internal:6379");
    }

    @Test
    void sentinelUrlListsTheSentinelsAndTheMasterAndItsPasswordIsTheDataNodes() {
        RedisUri uri =
                RedisUri.parse("redis-sentinel://:hunter2@sentinel-1:26380,sentinel-2,10.0.0.3:26381/1#mymaster");
        assertThat(uri.topology()).isEqualTo(Topology.SENTINEL);
        RedisURI lettuce = uri.lettuceUri();
        assertThat(lettuce.getSentinelMasterId()).isEqualTo("mymaster");
        assertThat(lettuce.getDatabase()).isEqualTo(1);
        assertThat(credentials(lettuce)).containsExactly(null, "hunter2");
        assertThat(lettuce.getSentinels())
                .extracting(sentinel -> sentinel.getHost() + ":" + sentinel.getPort())
                .containsExactly("sentinel-1:26380", "sentinel-2:26379", "10.0.0.3:26381");
        assertThat(lettuce.getSentinels())
                .as("Lettuce: the URL's password is the data nodes', not the sentinels'")
                .allSatisfy(sentinel -> assertThat(credentials(sentinel)).containsOnlyNulls());
        assertThat(uri.describe())
                .isEqualTo("redis-sentinel://sentinel-1:26380,sentinel-2:26379,10.0.0.3:26381#mymaster");
    }

    @Test
    void sentinelPasswordParameterAuthenticatesTheSentinelsOnly() {
        RedisUri uri = RedisUri.parse(
                "rediss-sentinel://app:hunter2@sentinel-1,sentinel-2?sentinelMasterId=mymaster&sentinelPassword=s%40nt+1");
        RedisURI lettuce = uri.lettuceUri();
        assertThat(lettuce.getSentinelMasterId()).isEqualTo("mymaster");
        assertThat(lettuce.isSsl()).isTrue();
        assertThat(credentials(lettuce)).containsExactly("app", "hunter2");
        assertThat(lettuce.getSentinels()).allSatisfy(sentinel -> {
            assertThat(sentinel.isSsl()).isTrue();
            assertThat(credentials(sentinel)).containsExactly(null, "s@nt+1");
        });
        assertThat(lettuce.toString()).doesNotContain("sentinelPassword");
        assertThat(uri.describe()).isEqualTo("rediss-sentinel://sentinel-1:26379,sentinel-2:26379#mymaster");
    }

    @Test
    void clusterUrlListsSeedNodesEachWithTheCredentialsAndTls() {
        RedisUri uri = RedisUri.parse("rediss-cluster://app:p%40ss@node-1:7000,node-2,10.0.0.3:7002?clientName=gw");
        assertThat(uri.topology()).isEqualTo(Topology.CLUSTER);
        List<RedisURI> seeds = uri.clusterSeeds();
        assertThat(seeds)
                .extracting(seed -> seed.getHost() + ":" + seed.getPort())
                .containsExactly("node-1:7000", "node-2:6379", "10.0.0.3:7002");
        assertThat(seeds).allSatisfy(seed -> {
            assertThat(seed.isSsl()).isTrue();
            assertThat(seed.getClientName()).isEqualTo("gw");
            assertThat(credentials(seed)).containsExactly("app", "p@ss");
        });
        assertThat(uri.describe()).isEqualTo("rediss-cluster://node-1:7000,node-2:6379,10.0.0.3:7002");

        RedisUri single = RedisUri.parse("redis-cluster://:hunter2@[fd00::1]:7000/0");
        assertThat(single.clusterSeeds())
                .singleElement()
                .satisfies(seed -> assertThat(credentials(seed)).containsExactly(null, "hunter2"));
        assertThat(single.describe()).isEqualTo("redis-cluster://[fd00::1]:7000");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "redis://alice:hunter2@redis:6379/3?clientName=gw",
                "rediss://:hunter2@redis",
                "redis-sentinel://alice:hunter2@s1:26379,s2:26379/0?sentinelPassword=hunter2#mymaster",
                "rediss-sentinel://hunter2@s1?sentinelMasterId=mymaster&sentinelPassword=hunter2",
                "redis-sentinel://:hunter2@s1#mymaster",
                "redis-cluster://alice:hunter2@n1:7000,n2:7001",
                "rediss-cluster://:hunter2@n1:7000",
            })
    void noFormEverPrintsItsPasswordOrUser(String text) {
        RedisUri uri = RedisUri.parse(text);
        assertThat(uri.describe()).doesNotContain("hunter2", "alice", "@", "?");
        assertThat(uri).hasToString(uri.describe());
    }

    static Stream<Arguments> badUrls() {
        return Stream.of(
                Arguments.of("http://:hunter2@redis:6379", "must be 'memory', redis://"),
                Arguments.of("redis:6379", "must be 'memory', redis://"),
                Arguments.of("hunter2", "must be 'memory', redis://"),
                Arguments.of(
                        "redis://:hunter2@a:6379,b:6379",
                        "is not a valid Redis URL: a redis:// URL names one server; list several with "
                                + "redis-sentinel://…#master (Sentinel) or redis-cluster:// (Cluster)"),
                Arguments.of(
                        "redis-sentinel://:hunter2@s1:26379,s2:26379",
                        "is not a valid Redis URL: a Sentinel URL names its master after '#' or in ?sentinelMasterId="),
                Arguments.of(
                        "redis://:hunter2@redis:6379#mymaster",
                        "is not a valid Redis URL: only a redis-sentinel:// URL names a master after '#'"),
                Arguments.of(
                        "redis-cluster://:hunter2@n1:7000,n2:7001/2",
                        "is not a valid Redis URL: Redis Cluster has only database 0"),
                Arguments.of(
                        "redis://:hunter2@redis:6379/zero",
                        "is not a valid Redis URL: the database after the hosts must be a number"),
                Arguments.of(
                        "redis://:hunter2@redis:6379?timeout=hunter2",
                        "is not a valid Redis URL: the only query parameters are clientName and verifyPeer"),
                Arguments.of(
                        "redis://:hunter2@redis:6379?sentinelPassword=hunter2",
                        "is not a valid Redis URL: the only query parameters are clientName and verifyPeer"),
                Arguments.of(
                        "redis://:hunter2@redis:6379?verifyPeer=NONE",
                        "is not a valid Redis URL: verifyPeer is NONE, CA or FULL, and only with TLS"),
                Arguments.of(
                        "redis-sentinel://:hunter2@s1:26379,s2:hunter2#mymaster",
                        "is not a valid Redis URL: a host or port is not valid (ports are 1 to 65535)"),
                Arguments.of(
                        "redis-cluster://:hunter2@n1:7000,,n3:7002",
                        "is not a valid Redis URL: a host or port is not valid (ports are 1 to 65535)"),
                Arguments.of("redis://:hunter2@redis:99999", "is not a valid Redis URL: a host or port is not valid"),
                Arguments.of(
                        "redis-cluster://:hunter2@[fd00::1]:7000,[fd00::2]:7000",
                        "is not a valid Redis URL: a list of hosts takes names or IPv4 addresses, not [IPv6] ones"),
                Arguments.of("redis://:hun ter2@redis", "is not a valid Redis URL: it is not a valid URL"));
    }

    @ParameterizedTest
    @MethodSource("badUrls")
    void badUrlNamesTheProblemAndTheAcceptedFormsWithoutEchoingIt(String text, String problem) {
        assertThatThrownBy(() -> RedisUri.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(problem)
                .hasMessageContaining("redis-sentinel://[[user:]password@]sentinel1[:port][,sentinel2[:port]...]")
                .hasMessageContaining("redis-cluster://[[user:]password@]node1[:port][,node2[:port]...]")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void sameTextIsTheSameStoreAndAnotherTextIsAnother() {
        assertThat(RedisUri.parse("redis-sentinel://s1,s2#m")).isEqualTo(RedisUri.parse(" redis-sentinel://s1,s2#m "));
        assertThat(RedisUri.parse("redis-sentinel://s1,s2#m")).isNotEqualTo(RedisUri.parse("redis-sentinel://s1,s2#n"));
    }

    /** User and password as Lettuce will send them in {@code AUTH}. */
    private static List<String> credentials(RedisURI uri) {
        RedisCredentials credentials =
                uri.getCredentialsProvider().resolveCredentials().block();
        return java.util.Arrays.asList(
                credentials == null ? null : credentials.getUsername(),
                credentials == null || !credentials.hasPassword() ? null : new String(credentials.getPassword()));
    }
}
