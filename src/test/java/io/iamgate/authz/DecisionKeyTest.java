package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.RequestContext;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionKeyTest {
    static final Bundle DEMO = new BundleLoader(new PolicyValidator(ServiceReference.get()), false)
            .load(BundleSource.of("classpath:demo-bundle")).bundle();
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb";
    static final String ACTION = "sagemaker:CreatePresignedNotebookInstanceUrl";

    static AuthorizeRequest req(RequestContext ctx, Map<String, String> sessionTags) {
        return new AuthorizeRequest(ALICE, sessionTags, ACTION, NB, ctx);
    }

    static boolean cacheable(AuthorizeRequest r) {
        return DecisionKey.cacheable(r, Caller.resolve(DEMO, r.principalArn(), r.sessionTags()));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysAreTheSnapshotAndTheExactBytes() {
        DecisionKey a = DecisionKey.of(7, utf8("{\"a\":1}"));
        assertEquals(a, DecisionKey.of(7, utf8("{\"a\":1}")));
        assertEquals(a.hashCode(), DecisionKey.of(7, utf8("{\"a\":1}")).hashCode());
        assertNotEquals(a, DecisionKey.of(8, utf8("{\"a\":1}")), "another snapshot");
        assertNotEquals(a, DecisionKey.of(7, utf8("{\"a\":2}")), "one byte differs");
        assertNotEquals(a, DecisionKey.of(7, utf8("{\"a\":1} ")), "a longer body");
        for (int len = 0; len < 40; len++) { // every tail length of the 8-byte hash loop
            byte[] x = new byte[len];
            java.util.Arrays.fill(x, (byte) 'x');
            for (int i = 0; i < len; i++) {
                byte[] y = x.clone();
                y[i] = 'y';
                assertNotEquals(DecisionKey.of(1, x).hashCode(), DecisionKey.of(1, y).hashCode(), "byte " + i + " of " + len + " is hashed");
            }
        }
    }

    @Test
    void aStoredKeyOwnsItsBytes() {
        byte[] body = utf8("{\"a\":1}");
        DecisionKey stored = DecisionKey.of(1, body);
        body[2] = 'b';
        assertEquals(stored, DecisionKey.of(1, utf8("{\"a\":1}")));
        assertNotEquals(stored, DecisionKey.of(1, body));
    }

    @Test
    void uncacheableRequests() {
        assertTrue(cacheable(req(RequestContext.builder().put("aws:SourceIp", "10.0.0.1").build(), Map.of())));
        assertFalse(cacheable(req(RequestContext.EMPTY, Map.of("owner", "x"))), "session tags");
        assertFalse(cacheable(req(RequestContext.builder().put("sagemaker:ResourceTag/owner", "x").build(), Map.of())),
                "a spoofing attempt is refused, never answered from the cache");
        assertFalse(cacheable(new AuthorizeRequest("arn:aws:sts::111122223333:assumed-role/Nobody/x", Map.of(), ACTION, NB,
                RequestContext.EMPTY)), "unknown caller");
    }

    @Test
    void aReloadWithTheSameRevisionNeverSharesKeys() {
        Bundle again = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of("classpath:demo-bundle")).bundle();
        assertEquals(DEMO.revision(), again.revision());
        assertTrue(again.generation() > DEMO.generation(), "generations grow with every load");
        assertNotEquals(DecisionKey.of(DEMO.generation(), utf8("{}")), DecisionKey.of(again.generation(), utf8("{}")));
    }
}
