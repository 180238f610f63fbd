package dev.mcpgateway.ratelimit;

import dev.mcpgateway.config.Cidr;
import dev.mcpgateway.web.HeaderLists;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The client address a request is charged to before authentication. It is the socket's peer, unless
 * that peer is one of {@code gateway.trusted-proxies}: then it is the right-most {@code X-Forwarded-For}
 * hop that is not a trusted proxy, because every hop to the left of it was written by the client and
 * can be forged. An IPv6 client is charged per /64 network, the unit one subscriber usually gets
 * (RFC 6177), so that rotating addresses within it does not multiply the limit. Pure: no I/O, no
 * DNS lookups.
 */
final class ClientAddressResolver {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int IPV6_SUBSCRIBER_PREFIX = 64;
    /** Longest unparsable hop kept as a key: bounds memory per bucket. */
    private static final int MAX_RAW_HOP = 64;

    private ClientAddressResolver() {}

    static String clientKey(
            @Nullable InetSocketAddress peer, @Nullable List<String> forwardedFor, List<Cidr> trustedProxies) {
        InetAddress peerAddress = peer == null ? null : peer.getAddress();
        if (peerAddress == null) {
            return "unknown";
        }
        if (!trusted(peerAddress, trustedProxies)) {
            return key(peerAddress);
        }
        List<String> hops = hops(forwardedFor);
        String leftMost = key(peerAddress);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = Cidr.parseAddress(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                // A trusted proxy wrote something that is not an address ("unknown", a name): charge that text.
                String raw = hops.get(i);
                return "unparsed:" + (raw.length() > MAX_RAW_HOP ? raw.substring(0, MAX_RAW_HOP) : raw);
            }
            if (!trusted(hop.get(), trustedProxies)) {
                return key(hop.get());
            }
            leftMost = key(hop.get());
        }
        return leftMost;
    }

    private static boolean trusted(InetAddress address, List<Cidr> trustedProxies) {
        return trustedProxies.stream().anyMatch(proxy -> proxy.contains(address));
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            return Cidr.masked(address, IPV6_SUBSCRIBER_PREFIX).getHostAddress() + "/" + IPV6_SUBSCRIBER_PREFIX;
        }
        return address.getHostAddress();
    }

    private static List<String> hops(@Nullable List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        if (headerValues != null) {
            for (String hop : HeaderLists.elements(headerValues)) {
                if (!hop.isBlank()) {
                    hops.add(hop);
                }
            }
        }
        return hops;
    }

    /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711}, as some proxies write them, lose the port. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(0, end + 1) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
