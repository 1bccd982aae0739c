package io.iamgate.oracle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The oracle's own value parsing, one method per condition-operator family of the IAM User Guide
 * ("IAM JSON policy elements: Condition operators"). Every parser returns null for text that is not a
 * value of its type; the caller decides what a non-value means. Written from the Guide, sharing
 * nothing with {@code io.iamgate.policy.Values}/{@code Cidr}/{@code IpAddresses}.
 */
final class OracleValues {

    private OracleValues() {
    }

    /**
     * Typed values (numbers, dates, booleans, base-64, addresses) are read without surrounding
     * whitespace, in policies and requests alike. The Guide is silent; the policy model's parser accepts
     * such policy values (e.g. {@code " 2026-12-01T00:00:00Z"} for a Date operator), so the oracle reads
     * request values by the same grammar.
     */
    static String typed(String s) {
        return s == null ? null : s.strip();
    }

    /**
     * "Numeric condition operators": integers and decimals, in decimal or scientific notation (an
     * optional sign, digits with an optional fraction, an optional exponent). Surrounding whitespace is
     * not part of a number.
     */
    static BigDecimal number(String s) {
        s = typed(s);
        if (s == null || !s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,9})?")) {
            return null;
        }
        return new BigDecimal(s);
    }

    /**
     * "Date condition operators": "one of the W3C implementations of the ISO 8601 date formats ... or
     * epoch (UNIX) time". Epoch: an integer number of seconds. ISO 8601: a date ({@code 2026-01-01},
     * midnight UTC), or a date and time with optional seconds and fraction, with {@code Z} or a
     * {@code ±hh:mm} offset, or no offset (read as UTC).
     */
    static Instant date(String s) {
        s = typed(s);
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.matches("-?[0-9]+")) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(s));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        // ISO 8601 also writes offsets as ±hhmm and ±hh.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*T.*)([+-])([0-9]{2})([0-9]{2})?").matcher(s);
        if (m.matches()) {
            try {
                return OffsetDateTime.parse(m.group(1) + m.group(2) + m.group(3) + ":" + (m.group(4) == null ? "00" : m.group(4)),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "Boolean condition operators": {@code true} or {@code false}, compared without regard to case. */
    static Boolean bool(String s) {
        s = typed(s);
        if ("true".equalsIgnoreCase(s)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(s)) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** "Binary condition operators": base-64 encoded binary. */
    static byte[] base64(String s) {
        s = typed(s);
        if (s == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An address as bytes (4 for IPv4, 16 for IPv6), or null. No prefix allowed. */
    static byte[] ip(String s) {
        s = typed(s);
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return ipv4(s);
        }
        return ipv6(s);
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.matches("[0-9]+")) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] ipv6(String s) {
        if (!s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
        byte[] v4tail = null;
        int lastColon = s.lastIndexOf(':');
        String head = s;
        if (s.indexOf('.') >= 0) {
            v4tail = ipv4(s.substring(lastColon + 1));
            if (v4tail == null) {
                return null;
            }
            head = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = head.indexOf("::");
        if (dbl >= 0 && head.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        List<Integer> groups = new ArrayList<>();
        int missingAt = -1;
        if (dbl >= 0) {
            String left = head.substring(0, dbl);
            String right = head.substring(dbl + 2);
            if (!groups(left, groups)) {
                return null;
            }
            missingAt = groups.size();
            if (!groups(right, groups)) {
                return null;
            }
            if (groups.size() > 7) {
                return null;
            }
        } else {
            if (!groups(head, groups) || groups.size() != 8) {
                return null;
            }
        }
        List<Integer> full = new ArrayList<>(groups);
        if (missingAt >= 0) {
            int missing = 8 - groups.size();
            for (int i = 0; i < missing; i++) {
                full.add(missingAt, 0);
            }
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (full.get(i) >> 8);
            out[2 * i + 1] = (byte) (int) full.get(i);
        }
        if (v4tail != null) {
            System.arraycopy(v4tail, 0, out, 12, 4);
        }
        return out;
    }

    private static boolean groups(String s, List<Integer> into) {
        if (s.isEmpty()) {
            return true;
        }
        for (String g : s.split(":", -1)) {
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
            into.add(Integer.parseInt(g, 16));
        }
        return true;
    }

    /** A CIDR block: address bytes and prefix length; a bare address is a single host (/32, /128). */
    record Block(byte[] address, int prefix) {
        boolean contains(byte[] ip) {
            if (ip.length != address.length) {
                return false; // an IPv4 address is never inside an IPv6 block, nor the reverse
            }
            for (int bit = 0; bit < prefix; bit++) {
                int byteIx = bit / 8;
                int mask = 0x80 >> (bit % 8);
                if ((ip[byteIx] & mask) != (address[byteIx] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** "IP address condition operators": an IPv4 or IPv6 address or CIDR range. */
    static Block cidr(String s) {
        s = typed(s);
        if (s == null) {
            return null;
        }
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] a = ip(addr);
        if (a == null) {
            return null;
        }
        int max = a.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                return null;
            }
        }
        return new Block(a, prefix);
    }

    /**
     * "Amazon Resource Name (ARN) condition operators" and "IAM identifiers": an ARN is six
     * colon-separated parts, {@code arn:partition:service:region:account:resource}, the last of which
     * may itself contain colons, and the first is the literal {@code arn} ("IAM identifiers", ARN format
     * {@code arn:partition:service:region:account:resource}). Returns the six parts, or null when there
     * are fewer or the value does not start with {@code arn:} (R2: such a request value is not an ARN, so
     * every Arn operator is false for it; iam-simulate's splitArnParts ignores the first part, which
     * only matters for values such as {@code " arn:…"} or {@code "ARN:…"}).
     */
    static String[] arnParts(String s) {
        String[] parts = s == null ? null : OracleEvaluator.sixParts(s);
        return parts != null && parts[0].equals("arn") ? parts : null;
    }
}
