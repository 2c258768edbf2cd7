package io.wsfleet.gateway.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}), for the trusted-proxy list. */
public record IpRange(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** Parses a literal address or CIDR block; never resolves host names. */
    public static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        byte[] bytes = literal(address);
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
        }
        return new IpRange(bytes, prefix);
    }

    /** Whether an address (a literal, as sockets and X-Forwarded-For give it) lies in this range. */
    public boolean contains(String address) {
        byte[] candidate;
        try {
            candidate = literal(address);
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - remainingBits);
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static byte[] literal(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!bare.contains(":")) {
            return ipv4(bare, address);
        }
        // The JDK parses text that starts with a hex digit or a colon as a literal (or refuses it); any other
        // start (".1:2") it looks up as a name.
        if (!bare.matches("[0-9a-fA-F:][0-9a-fA-F.:]*")) {
            throw new IllegalArgumentException("not an IP literal: " + address);
        }
        try {
            // With a colon the JDK parses an IPv6 literal or refuses it; it never looks the text up as a name.
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + address, e);
        }
    }

    /**
     * A dotted quad, parsed here: the JDK would take anything else made of hex digits and dots ("cafe",
     * "1.2.3.4.5") for a host name and send a DNS query for it, one per request carrying such a header.
     */
    private static byte[] ipv4(String bare, String address) {
        Matcher quad = IPV4.matcher(bare);
        if (!quad.matches()) {
            throw new IllegalArgumentException("not an IP literal: " + address);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(quad.group(i + 1));
            if (octet > 255) {
                throw new IllegalArgumentException("not an IP literal: " + address);
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }
}
