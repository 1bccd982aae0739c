package io.iamgate.policy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The typed value parsers behind the Numeric, Date and Binary operators, at their edges. */
class ValuesTest {

    @Test
    void numbers() {
        assertEquals(0, new BigDecimal("5").compareTo(Values.number("+5")));
        assertEquals(0, new BigDecimal("10").compareTo(Values.number("1E1")));
        assertEquals(0, new BigDecimal("10").compareTo(Values.number("1e1")));
        assertEquals(0, new BigDecimal("7").compareTo(Values.number(" 7 ")));
        assertEquals(0, new BigDecimal("-0.5").compareTo(Values.number("-.5")));
        for (String bad : new String[] {"1,000", "0x10", "abc", "", "1 2", "--1", "NaN", "Infinity", "5%"}) {
            assertNull(Values.number(bad), bad);
        }
        assertNull(Values.number(null));
        String hundred = "1" + "0".repeat(99);
        assertEquals(0, new BigDecimal(hundred).compareTo(Values.number(hundred)), "100 characters is the longest number");
        assertNull(Values.number(hundred + "0"));
    }

    @Test
    void dates() {
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        assertEquals(t, Values.date("2026-11-22T10:00:00Z"));
        assertEquals(t, Values.date("2026-11-22T11:00:00+01:00"));
        assertEquals(t, Values.date("2026-11-22T11:00:00+0100"));
        assertEquals(t, Values.date("2026-11-22T10:00:00"), "no zone is UTC");
        assertEquals(Instant.parse("2026-11-22T00:00:00Z"), Values.date("2026-11-22"));
        assertEquals(Instant.ofEpochSecond(t.getEpochSecond()), Values.date(String.valueOf(t.getEpochSecond())));
        assertEquals(Instant.ofEpochSecond(-1), Values.date("-1"));
        assertEquals(Instant.ofEpochSecond(999_999_999_999_999L), Values.date("999999999999999"), "15 digits are epoch seconds");
        assertNull(Values.date("9999999999999999"), "16 digits are not");
        assertNull(Values.date("1-1"));
        assertNull(Values.date("yesterday"));
        assertNull(Values.date(""));
        assertNull(Values.date(null));
        assertNull(Values.date("2026-11-22T10:00:00Z" + " ".repeat(50)), "longer than 64 characters");
    }

    @Test
    void booleansAndBase64() {
        assertEquals(Boolean.TRUE, Values.bool(" TRUE "));
        assertEquals(Boolean.FALSE, Values.bool("false"));
        assertNull(Values.bool("yes"));
        assertNull(Values.bool(null));
        assertEquals("ABC", new String(Values.base64(" QUJD "), java.nio.charset.StandardCharsets.US_ASCII));
        assertNull(Values.base64("!!!"));
        assertNull(Values.base64(null));
    }

    @Test
    void cidrEquality() {
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/9"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("11.0.0.0/8"));
        assertNotEquals(Cidr.parse("10.0.0.0/8"), "10.0.0.0/8");
    }
}
