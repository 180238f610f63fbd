package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.Cidr;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private static final List<Cidr> PROXIES = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"));

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClientAndForwardedForIsIgnored() {
        assertThat(resolve("203.0.113.5", List.of("198.51.100.1"), List.of())).isEqualTo("203.0.113.5");
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        assertThat(resolve("203.0.113.5", List.of("198.51.100.1"), PROXIES)).isEqualTo("203.0.113.5");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        assertThat(resolve("10.0.0.2", List.of("1.1.1.1, 198.51.100.1, 10.0.0.9"), PROXIES))
                .as("1.1.1.1 was written by the client itself and is ignored")
                .isEqualTo("198.51.100.1");
    }

    @Test
    void severalForwardedForHeadersFormOneList() {
        assertThat(resolve("10.0.0.2", List.of("1.1.1.1", "198.51.100.1", "10.0.0.9"), PROXIES))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(resolve("10.0.0.2", List.of("10.0.0.7, 10.0.0.9"), PROXIES)).isEqualTo("10.0.0.7");
        assertThat(resolve("10.0.0.2", List.of(), PROXIES))
                .as("no header: the proxy itself")
                .isEqualTo("10.0.0.2");
    }

    @Test
    void portsWrittenByProxiesAreDropped() {
        assertThat(resolve("10.0.0.2", List.of("198.51.100.1:4711"), PROXIES)).isEqualTo("198.51.100.1");
        assertThat(resolve("10.0.0.2", List.of("[2001:db8::1]:4711"), PROXIES)).isEqualTo("2001:db8:0:0:0:0:0:0/64");
    }

    @Test
    void ipv6ClientsAreChargedPerSlash64() {
        assertThat(resolve("2001:db8:1:2:aaaa::1", null, List.of())).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(resolve("2001:db8:1:2:bbbb::9", null, List.of())).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(resolve("2001:db8:1:3::1", null, List.of())).isEqualTo("2001:db8:1:3:0:0:0:0/64");
    }

    @Test
    void aHopThatIsNoAddressIsChargedAsTextNeverLookedUp() {
        assertThat(resolve("10.0.0.2", List.of("1.1.1.1, unknown"), PROXIES)).isEqualTo("unparsed:unknown");
        assertThat(resolve("10.0.0.2", List.of("x".repeat(500)), PROXIES)).hasSize("unparsed:".length() + 64);
    }

    @Test
    void missingPeerIsUnknown() {
        assertThat(ClientAddressResolver.clientKey(null, List.of(), PROXIES)).isEqualTo("unknown");
        assertThat(ClientAddressResolver.clientKey(InetSocketAddress.createUnresolved("h", 1), List.of(), PROXIES))
                .isEqualTo("unknown");
    }

    private static String resolve(String peer, List<String> forwardedFor, List<Cidr> proxies) {
        return ClientAddressResolver.clientKey(
                new InetSocketAddress(Cidr.parseAddress(peer).orElseThrow(), 40000), forwardedFor, proxies);
    }
}
