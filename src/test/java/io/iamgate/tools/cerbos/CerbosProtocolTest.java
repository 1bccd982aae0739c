package io.iamgate.tools.cerbos;

import io.iamgate.tools.gen.TraceGeneratorTest;
import io.iamgate.trace.TraceException;
import io.iamgate.trace.TraceLine;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonTreeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authorize bodies as Cerbos checks, and Cerbos answers as decisions. */
class CerbosProtocolTest {
    static CerbosProtocol cerbos;
    final JsonTreeParser json = new JsonTreeParser();

    @BeforeAll
    static void demo() {
        Bundle b = TraceGeneratorTest.load("classpath:demo-bundle");
        cerbos = new CerbosProtocol(b);
    }

    JsonNode.Obj check(String principal, String action, String resource, String context) throws Exception {
        String req = "{\"principal\":{\"arn\":\"" + principal + "\"},\"action\":\"" + action + "\",\"resource\":\"" + resource + "\""
                + (context == null ? "" : ",\"context\":" + context) + "}";
        TraceLine line = TraceLine.parse(json, "{\"request\":" + req + ",\"decision\":\"ALLOW\"}", 3);
        return (JsonNode.Obj) json.parse(new String(cerbos.body(line), StandardCharsets.UTF_8));
    }

    static String at(JsonNode n, String... path) {
        for (String p : path) {
            n = n instanceof JsonNode.Arr a ? a.items().get(Integer.parseInt(p)) : ((JsonNode.Obj) n).get(p);
        }
        return ((JsonNode.Scalar) n).text();
    }

    @Test
    void aPresignBecomesAnOwnerCheck() throws Exception {
        JsonNode.Obj c = check("arn:aws:sts::111122223333:assumed-role/DataScientist/alice", "sagemaker:CreatePresignedNotebookInstanceUrl",
                "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb", "{\"aws:SourceIp\":\"10.1.2.3\"}");
        assertEquals("3", at(c, "requestId"));
        assertEquals("AROADATASCIENTIST001:alice", at(c, "principal", "id"), "aws:userid when there is no owner principal tag");
        assertEquals("user", at(c, "principal", "roles", "0"));
        assertEquals("10.1.2.3", at(c, "principal", "attr", "sourceIp"));
        assertEquals("CreatePresignedNotebookInstanceUrl", at(c, "resources", "0", "actions", "0"));
        assertEquals("notebook-instance", at(c, "resources", "0", "resource", "kind"));
        assertEquals("alice-nb", at(c, "resources", "0", "resource", "id"));
        assertEquals("AROADATASCIENTIST001:alice", at(c, "resources", "0", "resource", "attr", "owner"));
    }

    @Test
    void principalTagOwnersStudioProfilesAccountsAndStrangers() throws Exception {
        JsonNode.Obj carol = check("arn:aws:iam::111122223333:user/carol", "sagemaker:StartNotebookInstance",
                "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/carol-nb", null);
        assertEquals("carol", at(carol, "principal", "id"), "the owner principal tag names carol's notebooks");
        assertEquals("AIDACAROLEXAMPLE0001", at(carol, "principal", "attr", "userid"));
        assertEquals("", at(carol, "principal", "attr", "sourceIp"));
        JsonNode.Obj studio = check("arn:aws:sts::111122223333:assumed-role/DataScientist/bob", "sagemaker:CreatePresignedDomainUrl",
                "arn:aws:sagemaker:us-east-1:111122223333:user-profile/d-demo/bob", null);
        assertEquals("user-profile", at(studio, "resources", "0", "resource", "kind"));
        assertEquals("d-demo/bob", at(studio, "resources", "0", "resource", "id"));
        JsonNode.Obj list = check("arn:aws:sts::111122223333:assumed-role/DataScientist/bob", "sagemaker:ListNotebookInstances", "*", null);
        assertEquals("account", at(list, "resources", "0", "resource", "kind"));
        JsonNode.Obj stranger = check("arn:aws:iam::111122223333:user/mallory", "sagemaker:StartNotebookInstance",
                "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb", null);
        assertEquals("unknown", at(stranger, "principal", "roles", "0"));
        assertEquals("arn:aws:iam::111122223333:user/mallory", at(stranger, "principal", "id"));
        TraceLine bad = TraceLine.parse(json, "{\"request\":{\"principal\":\"not-an-arn\",\"action\":\"x\"}}", 8);
        TraceException e = assertThrows(TraceException.class, () -> cerbos.body(bad));
        assertEquals(8, e.line());
    }

    @Test
    void readsCerbosAnswers() {
        String allow = "{\"requestId\":\"1\",\"results\":[{\"resource\":{\"id\":\"a\",\"kind\":\"notebook-instance\"},"
                + "\"actions\":{\"CreatePresignedNotebookInstanceUrl\":\"EFFECT_ALLOW\"}}]}";
        assertEquals("ALLOW", cerbos.decision(allow));
        assertEquals("DENY", cerbos.decision(allow.replace("EFFECT_ALLOW", "EFFECT_DENY")));
        assertNull(cerbos.decision("{}"));
        assertNull(cerbos.decision("{\"message\":\"no \\\"EFFECT_ALLOW\\\" here\"}"), "text that mentions an effect is not an answer");
        assertTrue(cerbos.agrees(Decision.ALLOW, "ALLOW"));
        assertTrue(cerbos.agrees(Decision.IMPLICIT_DENY, "DENY"));
        assertTrue(cerbos.agrees(Decision.EXPLICIT_DENY, "DENY"));
        assertFalse(cerbos.agrees(Decision.ALLOW, "DENY"));
        assertFalse(cerbos.agrees(Decision.IMPLICIT_DENY, "ALLOW"));
        assertEquals("/api/check/resources", cerbos.defaultPath());
    }
}
