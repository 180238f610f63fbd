package dev.mcpgateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An IP network in CIDR notation (RFC 4632 §3.1, RFC 4291 §2.3), e.g. {@code 10.0.0.0/8} or
 * {@code fd00::/8}; a bare address is a network of one. Addresses are parsed as literals only:
 * nothing here ever performs a DNS lookup, so header values can be parsed on the event loop.
 *
 * <p>Not Spring Security's {@code IpAddressMatcher}: that is a servlet {@code RequestMatcher} (its class refers to
 * the Servlet API, which this reactive application does not have), and its {@code matches(String)} runs a regular
 * expression and a host-name assertion on every call. Here ranges are parsed once, when {@code routes.yaml} loads,
 * and each client address is compared byte by byte, without regular expressions.
 *
 * @param network      the network address, host bits cleared
 * @param prefixLength the number of leading bits that must match
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        network = masked(network, prefixLength);
    }

    /**
     * @throws IllegalArgumentException with a message fit for an operator
     */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = parseAddress(slash < 0 ? trimmed : trimmed.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + text + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8)"));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length (0 to " + bits + ")");
            }
        }
        return new Cidr(address, prefix);
    }

    /**
     * Parses an IPv4 or IPv6 literal ({@code [::1]} brackets and an IPv6 zone are accepted); empty for
     * anything else, host names included, which are never resolved.
     */
    public static Optional<InetAddress> parseAddress(String text) {
        String literal = text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.indexOf(':') < 0) {
            byte[] ipv4 = dottedQuad(literal);
            return ipv4 == null ? Optional.empty() : Optional.of(byAddress(ipv4));
        }
        if (!isIpv6Text(literal)) {
            return Optional.empty();
        }
        try {
            // A string with a colon is parsed as an IPv6 literal or rejected, never looked up.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Four decimal octets of one to three digits each, separated by dots (RFC 4291 §2.2's IPv4 form); else null. */
    private static byte @Nullable [] dottedQuad(String text) {
        byte[] bytes = new byte[4];
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && octet < 4 && value <= 255) {
                bytes[octet++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return octet == 4 ? bytes : null;
    }

    /** Only hexadecimal digits, colons and dots (an embedded IPv4 tail), so the JDK parses it as a literal. */
    private static boolean isIpv6Text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.getAddress().length
                && masked(address, prefixLength).equals(network);
    }

    /** The first {@code prefixLength} bits of {@code address}, the rest cleared. */
    public static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xFF00 >> keep));
        }
        return byAddress(bytes);
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
