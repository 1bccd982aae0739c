package io.iamgate.policy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {
    static final Template.Resolver CTX = Map.of("aws:userid", "AROA1:alice", "aws:username", "a*b")::get;

    @Test
    void splitsAndResolves() {
        Template t = Template.parse("home/${aws:userid}/*", true);
        assertEquals(3, t.parts().size());
        assertEquals("home/AROA1:alice/*", t.resolve(CTX));
        assertTrue(t.toPattern(CTX).matches("home/AROA1:alice/x/y"));
    }

    @Test
    void defaultsEscapesAndUnresolved() {
        assertEquals("none", Template.parse("${aws:PrincipalTag/team, 'none'}", true).resolve(CTX));
        assertEquals("*?$", Template.parse("${*}${?}${$}", true).resolve(CTX));
        assertNull(Template.parse("x/${aws:PrincipalTag/team}", true).resolve(CTX));
        assertNull(Template.parse("x/${aws:PrincipalTag/team}", true).toPattern(CTX));
    }

    @Test
    void variableTextIsLiteralInPatterns() {
        Template t = Template.parse("${aws:username}", true);
        assertTrue(t.toPattern(CTX).matches("a*b"));
        assertFalse(t.toPattern(CTX).matches("axxb"));
    }

    @Test
    void disabledOrUnclosedStaysLiteral() {
        assertEquals("${aws:userid}", Template.parse("${aws:userid}", false).resolve(CTX));
        assertFalse(Template.parse("${aws:userid", true).hasVariables());
    }

    @Test
    void ipAddresses() {
        assertEquals(4, IpAddresses.parse("192.0.2.1").length);
        assertEquals(16, IpAddresses.parse("::1").length);
        assertEquals(16, IpAddresses.parse("::ffff:192.0.2.1").length);
        assertEquals(16, IpAddresses.parse("2001:db8::").length);
        for (String bad : new String[] {"256.0.0.1", "1.2.3", "1.2.3.4.5", "a.b.c.d", ":::", "1::2::3", "12345::", "localhost", ""}) {
            assertNull(IpAddresses.parse(bad), bad);
        }
        assertTrue(Cidr.parse("10.0.0.0/8").contains(IpAddresses.parse("10.255.0.1")));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(IpAddresses.parse("11.0.0.1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(IpAddresses.parse("8.8.8.8")));
        assertTrue(Cidr.parse("2001:db8::/32").contains(IpAddresses.parse("2001:db8:ffff::1")));
        assertNull(Cidr.parse("10.0.0.0/33"));
        assertNull(Cidr.parse("10.0.0.0/"));
    }

    @Test
    void aDefaultRightAfterTheBraceIsStillADefault() {
        org.junit.jupiter.api.Assertions.assertEquals("d", Template.parse("${, 'd'}", true).resolve(k -> null));
        org.junit.jupiter.api.Assertions.assertEquals("x-d", Template.parse("x-${aws:username, 'd'}", true).resolve(k -> null));
    }
}
