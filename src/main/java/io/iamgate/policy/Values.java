package io.iamgate.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/** Parsers for typed condition values; each returns null when the text is not of its type. */
public final class Values {
    private Values() {
    }

    public static BigDecimal number(String s) {
        if (s == null || s.isEmpty() || s.length() > 100) {
            return null;
        }
        String t = s.trim();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** ISO 8601 (with offset or Z, date-time without zone as UTC, or a date) or epoch seconds. */
    public static Instant date(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        String t = s.trim();
        boolean digits = !t.isEmpty();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-')) {
                digits = false;
                break;
            }
        }
        if (digits && t.length() <= 15) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(t));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return OffsetDateTime.parse(t.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDate.parse(t, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static Boolean bool(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
    }

    /**
     * A request value under {@code Bool}: {@code true} exactly when it is {@code "true"} in any
     * case, otherwise {@code false} (so {@code Bool "false"} matches {@code "yes"} or {@code ""}),
     * which is how the AWS policy simulator reads it; the policy side is strict ({@link #bool}).
     */
    public static boolean requestBool(String s) {
        return "true".equalsIgnoreCase(s);
    }

    public static byte[] base64(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
