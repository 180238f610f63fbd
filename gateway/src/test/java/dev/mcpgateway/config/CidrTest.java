package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void ipv4RangeContainsItsAddressesOnly() {
        Cidr range = Cidr.parse("10.1.0.0/16");
        assertThat(range.contains(address("10.1.255.7"))).isTrue();
        assertThat(range.contains(address("10.2.0.1"))).isFalse();
        assertThat(range.contains(address("::ffff:10.1.0.1")))
                .as("IPv4-mapped IPv6 is the IPv4 address")
                .isTrue();
    }

    @Test
    void ipv6RangeAndHostBitsAreCleared() {
        Cidr range = Cidr.parse("2001:db8:abcd:12ff::1/52");
        assertThat(range.toString()).isEqualTo("2001:db8:abcd:1000:0:0:0:0/52");
        assertThat(range.contains(address("2001:db8:abcd:1fff::9"))).isTrue();
        assertThat(range.contains(address("2001:db8:abcd:2000::"))).isFalse();
        assertThat(range.contains(address("10.0.0.1")))
                .as("another family never matches")
                .isFalse();
    }

    @Test
    void bareAddressIsANetworkOfOne() {
        assertThat(Cidr.parse("192.168.1.7").contains(address("192.168.1.7"))).isTrue();
        assertThat(Cidr.parse("192.168.1.7").contains(address("192.168.1.8"))).isFalse();
        assertThat(Cidr.parse("::1").prefixLength()).isEqualTo(128);
    }

    @Test
    void zeroPrefixMatchesTheWholeFamily() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(address("203.0.113.9"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"localhost", "proxy.internal", "1.2.3", "256.1.1.1", "1.2.3.4.5", "a:b:c:g::1", "", "10.0.0.0/x"
            })
    void anythingButAnAddressLiteralIsRejectedWithoutALookup(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalsParseWithBracketsAndZones() {
        assertThat(Cidr.parseAddress("[2001:db8::1]")).contains(address("2001:db8::1"));
        assertThat(Cidr.parseAddress("fe80::1%eth0")).contains(address("fe80::1"));
        assertThat(Cidr.parseAddress("example.com")).isEmpty();
    }

    private static InetAddress address(String literal) {
        return Cidr.parseAddress(literal).orElseThrow();
    }
}
