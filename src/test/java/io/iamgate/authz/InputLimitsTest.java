package io.iamgate.authz;

import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;
import io.iamgate.sim.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md input limits: each field at its limit is read, one character over is a 400 naming the field. */
class InputLimitsTest {
    static final String ROLE = "arn:aws:sts::111122223333:assumed-role/DataScientist/";
    static final String BUCKET = "arn:aws:s3:::bucket/";

    static String pad(String prefix, int length) {
        return prefix + "x".repeat(length - prefix.length());
    }

    static String q(String s) {
        return "\"" + s + "\"";
    }

    static AuthorizeRequest parse(String json) throws InputException, io.iamgate.json.JsonSyntaxException {
        return AuthorizeInput.parse(new JsonTreeParser().parse(json));
    }

    static Finding refused(String json) {
        InputException e = assertThrows(InputException.class, () -> parse(json));
        assertEquals(1, e.errors().size(), e.errors().toString());
        Finding f = e.errors().get(0);
        assertEquals("TOO_LONG".equals(f.code()) || f.code().startsWith("TOO_MANY"), true, f.toString());
        assertTrue(f.message().length() < 200, "never echoes the value: " + f.message().length());
        assertTrue(f.pointer().length() < 200, "never echoes the value in the pointer");
        return f;
    }

    static String body(String principal, String action, String resource, String context) {
        return "{\"principal\":" + principal + ",\"action\":" + q(action) + ",\"resource\":" + q(resource)
                + (context == null ? "" : ",\"context\":" + context) + "}";
    }

    @Test
    void principalArn() throws Exception {
        assertNotNull(parse(body(q(pad(ROLE, 2048)), "s3:GetObject", "*", null)));
        assertEquals("/principal", refused(body(q(pad(ROLE, 2049)), "s3:GetObject", "*", null)).pointer());
        assertNotNull(parse(body("{\"arn\":" + q(pad(ROLE, 2048)) + "}", "s3:GetObject", "*", null)));
        assertEquals("/principal/arn", refused(body("{\"arn\":" + q(pad(ROLE, 2049)) + "}", "s3:GetObject", "*", null)).pointer());
    }

    @Test
    void action() throws Exception {
        assertNotNull(parse(body(q(ROLE + "a"), pad("s3:", 128), "*", null)));
        assertEquals("/action", refused(body(q(ROLE + "a"), pad("s3:", 129), "*", null)).pointer());
    }

    @Test
    void resourceArn() throws Exception {
        assertNotNull(parse(body(q(ROLE + "a"), "s3:GetObject", pad(BUCKET, 2048), null)));
        assertEquals("/resource", refused(body(q(ROLE + "a"), "s3:GetObject", pad(BUCKET, 2049), null)).pointer());
    }

    @Test
    void contextKeysAndValues() throws Exception {
        String okKey = pad("k", 128);
        assertNotNull(parse(body(q(ROLE + "a"), "s3:GetObject", "*", "{" + q(okKey) + ":" + q(pad("v", 1024)) + "}")));
        assertEquals("/context", refused(body(q(ROLE + "a"), "s3:GetObject", "*", "{" + q(pad("k", 129)) + ":\"v\"}")).pointer());
        assertEquals("/context/k", refused(body(q(ROLE + "a"), "s3:GetObject", "*", "{\"k\":" + q(pad("v", 1025)) + "}")).pointer());
        assertEquals("/context/k/1", refused(body(q(ROLE + "a"), "s3:GetObject", "*", "{\"k\":[\"a\"," + q(pad("v", 1025)) + "]}")).pointer());
    }

    @Test
    void atMostOneHundredContextKeys() throws Exception {
        assertNotNull(parse(body(q(ROLE + "a"), "s3:GetObject", "*", context(100))));
        Finding f = refused(body(q(ROLE + "a"), "s3:GetObject", "*", context(101)));
        assertEquals("TOO_MANY_CONTEXT_KEYS", f.code());
        assertEquals("/context", f.pointer());
    }

    static String context(int keys) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys; i++) {
            sb.append(i == 0 ? "" : ",").append(q("k" + i)).append(":\"v\"");
        }
        return sb.append('}').toString();
    }

    @Test
    void sessionTagsAtTheirLimitsAndOneOver() throws Exception {
        String ok = "{\"arn\":" + q(ROLE + "ab") + ",\"sessionTags\":{" + q(pad("t", 128)) + ":" + q(pad("v", 256)) + "}}";
        assertNotNull(parse(body(ok, "s3:GetObject", "*", null)));
        for (String tags : List.of("{" + q(pad("t", 129)) + ":\"v\"}", "{\"t\":" + q(pad("v", 257)) + "}")) {
            InputException e = assertThrows(InputException.class, () -> parse(body("{\"arn\":" + q(ROLE + "ab") + ",\"sessionTags\":" + tags + "}",
                    "s3:GetObject", "*", null)));
            assertEquals(1, e.errors().size());
            assertTrue(e.errors().get(0).pointer().startsWith("/principal/sessionTags/"), e.errors().get(0).pointer());
        }
    }

    @Test
    void theIssuesAttacksAreRefusedBeforeAnyLookup() {
        // 900 KB session name, 900 KB resource, 800 KB action: refused, not memoized or labelled
        List.of(body(q(ROLE + "s".repeat(900_000)), "s3:GetObject", "*", null),
                body(q(ROLE + "a"), "s3:GetObject", BUCKET + "r".repeat(900_000), null),
                body(q(ROLE + "a"), "s3:" + "A".repeat(800_000), "*", null)).forEach(InputLimitsTest::refused);
    }
}
