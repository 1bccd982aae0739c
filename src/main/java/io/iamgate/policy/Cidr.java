package io.iamgate.policy;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation (a bare address is a single host). Parsed by hand — never
 * through {@code InetAddress}, which could resolve host names.
 */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] a = IpAddresses.parse(addr);
        if (a == null) {
            return null;
        }
        int bits = a.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return null;
            }
        }
        return new Cidr(mask(a, prefix), prefix);
    }

    private static byte[] mask(byte[] a, int prefix) {
        byte[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            r[i] = (byte) (r[i] & (0xFF << (8 - keep)));
        }
        return r;
    }

    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        for (int i = 0; i < network.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            if (keep == 0) {
                break;
            }
            int m = 0xFF << (8 - keep) & 0xFF;
            if ((address[i] & m) != (network[i] & m)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return IpAddresses.format(network) + "/" + prefix;
    }
}
