package io.iamgate.authz;

import io.iamgate.json.JsonTreeParser;
import io.iamgate.policy.Finding;
import io.iamgate.sim.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/principals-and-context.md: session tags only for role sessions, under AWS's tag key and value rules, each refusal with a pointer. */
class SessionTagsTest {
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String CAROL = "arn:aws:iam::111122223333:user/carol";

    static AuthorizeRequest parse(String arn, String tags) throws Exception {
        return AuthorizeInput.parse(new JsonTreeParser().parse("{\"principal\":{\"arn\":\"" + arn + "\",\"sessionTags\":" + tags
                + "},\"action\":\"sagemaker:ListDomains\",\"resource\":\"*\"}"));
    }

    static Finding refused(String arn, String tags) {
        InputException e = assertThrows(InputException.class, () -> parse(arn, tags), tags);
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    @Test
    void roleSessionsTakeTagsWithinAwsRules() throws Exception {
        String key = "k".repeat(128);
        AuthorizeRequest r = parse(ALICE, "{\"owner\":\"AROADATASCIENTIST001:alice\",\"" + key + "\":\"" + "v".repeat(256)
                + "\",\"Cost Center\":\"a_b.c:d/e=f+g-h@i\",\"équipe\":\"\"}");
        assertEquals(4, r.sessionTags().size());
        StringBuilder fifty = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            fifty.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertEquals(50, parse(ALICE, fifty + "}").sessionTags().size());
    }

    @Test
    void iamUsersMayNotSendSessionTags() {
        Finding f = refused(CAROL, "{\"owner\":\"AROADATASCIENTIST001:bob\"}");
        assertEquals("SESSION_TAGS_NOT_ALLOWED", f.code());
        assertEquals("/principal/sessionTags", f.pointer());
        assertEquals("SESSION_TAGS_NOT_ALLOWED", refused(CAROL, "{}").code());
        assertEquals("SESSION_TAGS_NOT_ALLOWED", refused("arn:aws:iam::111122223333:role/DataScientist", "{\"a\":\"b\"}").code());
    }

    @Test
    void badKeysAndValuesAreRefusedWithTheirPointer() {
        Map<String, String> bad = Map.of(
                "{\"\":\"x\"}", "/principal/sessionTags/",
                "{\"" + "k".repeat(129) + "\":\"x\"}", "/principal/sessionTags/" + "k".repeat(129),
                "{\"aws:foo\":\"x\"}", "/principal/sessionTags/aws:foo",
                "{\"AWS:Foo\":\"x\"}", "/principal/sessionTags/AWS:Foo",
                "{\"a*b\":\"x\"}", "/principal/sessionTags/a*b",
                "{\"a\\nb\":\"x\"}", "/principal/sessionTags/a\nb",
                "{\"k\":\"" + "v".repeat(257) + "\"}", "/principal/sessionTags/k",
                "{\"k\":\"a<b\"}", "/principal/sessionTags/k",
                "{\"Owner\":\"a\",\"owner\":\"b\"}", "/principal/sessionTags/owner",
                "{\"k\":{\"x\":1}}", "/principal/sessionTags/k");
        bad.forEach((tags, pointer) -> assertEquals(pointer, refused(ALICE, tags).pointer(), tags));
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        Finding f = refused(ALICE, many + "}");
        assertEquals("TOO_MANY_SESSION_TAGS", f.code());
        assertTrue(List.of("/principal/sessionTags").contains(f.pointer()));
    }
}
