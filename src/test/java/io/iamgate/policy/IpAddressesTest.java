package io.iamgate.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Address and CIDR parsing at its edges: what an IpAddress condition can match depends on every byte. */
class IpAddressesTest {

    static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void ipv4() {
        assertArrayEquals(b(1, 2, 3, 4), IpAddresses.parse("1.2.3.4"));
        assertArrayEquals(b(255, 255, 255, 255), IpAddresses.parse("255.255.255.255"));
        assertArrayEquals(b(0, 0, 0, 0), IpAddresses.parse("0.0.0.0"));
        for (String bad : new String[] {"256.1.1.1", "1.2.3", "1.2.3.4.5", "1234.1.1.1", "", "1.2.3.", ".1.2.3", "1..2.3", "a.b.c.d", "1.2.3.4 "}) {
            assertNull(IpAddresses.parse(bad), bad);
        }
        assertNull(IpAddresses.parse(null));
    }

    @Test
    void ipv6() {
        assertArrayEquals(new byte[16], IpAddresses.parse("::"));
        byte[] one = new byte[16];
        one[15] = 1;
        assertArrayEquals(one, IpAddresses.parse("::1"));
        byte[] first = new byte[16];
        first[1] = 1;
        assertArrayEquals(first, IpAddresses.parse("1::"));
        assertArrayEquals(b(0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8), IpAddresses.parse("1:2:3:4:5:6:7:8"));
        assertArrayEquals(b(0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0), IpAddresses.parse("1:2:3:4:5:6:7::"));
        assertArrayEquals(b(0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8), IpAddresses.parse("::2:3:4:5:6:7:8"));
        assertArrayEquals(b(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0xab, 0xcd, 0xff, 0xff), IpAddresses.parse("2001:DB8::abcd:ffff"));
        assertArrayEquals(b(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1), IpAddresses.parse("::ffff:10.0.0.1"));
        assertArrayEquals(b(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255),
                IpAddresses.parse("0000:0000:0000:0000:0000:0000:255.255.255.255"), "45 characters is the longest form");
        for (String bad : new String[] {"1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::", "g::",
                "::1.2.3.4.5", "1.2.3.4::", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "0000:0000:0000:0000:0000:0000:0255.255.255.255"}) {
            assertNull(IpAddresses.parse(bad), bad);
        }
    }

    @Test
    void format() {
        assertEquals("10.0.0.1", IpAddresses.format(IpAddresses.parse("10.0.0.1")));
        assertEquals("2001:db8:0:0:0:0:0:1", IpAddresses.format(IpAddresses.parse("2001:db8::1")));
    }

    @Test
    void cidrs() {
        Cidr c = Cidr.parse("10.0.0.1/8");
        assertEquals("10.0.0.0/8", c.toString(), "host bits are masked off");
        assertTrue(c.contains(IpAddresses.parse("10.255.255.255")));
        assertFalse(c.contains(IpAddresses.parse("11.0.0.0")));
        assertFalse(c.contains(IpAddresses.parse("::a00:1")), "families never mix");
        assertFalse(c.contains(null));
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse(" 10.1.2.3/8 "));
        assertEquals(Cidr.parse("10.0.0.0/8").hashCode(), Cidr.parse("10.9.9.9/8").hashCode());
        assertEquals("203.0.113.7/32", Cidr.parse("203.0.113.7").toString(), "a bare address is one host");
        assertEquals("2001:db8:0:0:0:0:0:1/128", Cidr.parse("2001:db8::1").toString());
        Cidr odd = Cidr.parse("10.0.0.0/9");
        assertTrue(odd.contains(IpAddresses.parse("10.127.255.255")));
        assertFalse(odd.contains(IpAddresses.parse("10.128.0.0")));
        Cidr v6 = Cidr.parse("2001:db8:8000::/33");
        assertTrue(v6.contains(IpAddresses.parse("2001:db8:ffff::1")));
        assertFalse(v6.contains(IpAddresses.parse("2001:db8:7fff::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(IpAddresses.parse("255.255.255.255")));
        for (String bad : new String[] {"10.0.0.0/33", "::/129", "/8", "10.0.0.0/", "10.0.0.0/1000", "10.0.0.0/x", "10.0.0.0/-1", "300.0.0.0/8"}) {
            assertNull(Cidr.parse(bad), bad);
        }
        assertEquals(8, Cidr.parse("10.0.0.0/08").prefix());
    }
}
