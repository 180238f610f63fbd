package dev.mcpgateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP network in CIDR notation (RFC 4632 §3.1, RFC 4291 §2.3), e.g. {@code 10.0.0.0/8} or
 * {@code fd00::/8}; a bare address is a network of one. Addresses are parsed as literals only:
 * nothing here ever performs a DNS lookup, so header values can be parsed on the event loop.
 *
 * @param network      the network address, host bits cleared
 * @param prefixLength the number of leading bits that must match
 */
public record Cidr(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

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
        var ipv4 = IPV4.matcher(literal);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(ipv4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(byAddress(bytes));
        }
        if (literal.indexOf(':') < 0 || !IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            // A string with a colon is parsed as an IPv6 literal or rejected, never looked up.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
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
