package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.RequestContext;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class DecisionKeyTest {
    static final Bundle DEMO = new BundleLoader(new PolicyValidator(ServiceReference.get()), false)
            .load(BundleSource.of("classpath:demo-bundle")).bundle();
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DataScientist/alice";
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/alice-nb";
    static final String ACTION = "sagemaker:CreatePresignedNotebookInstanceUrl";

    static AuthorizeRequest req(RequestContext ctx, Map<String, String> sessionTags) {
        return new AuthorizeRequest(ALICE, sessionTags, ACTION, NB, ctx);
    }

    @Test
    void onlyKeysThePlanReadsAreInTheKey() {
        DecisionKey a = DecisionKey.of(DEMO, req(RequestContext.builder().put("aws:SourceIp", "10.0.0.1").build(), Map.of()));
        DecisionKey b = DecisionKey.of(DEMO, req(RequestContext.builder().put("aws:SourceIp", "10.9.9.9").build(), Map.of()));
        assertNotNull(a);
        assertEquals(a, b, "the demo policies do not read aws:SourceIp");
        assertEquals(a.hashCode(), b.hashCode());
        DecisionKey c = DecisionKey.of(DEMO, req(RequestContext.builder().put("aws:RequestTag/x", "1").build(), Map.of()));
        assertEquals(a, c);
        DecisionKey other = DecisionKey.of(DEMO, new AuthorizeRequest(ALICE, Map.of(), ACTION, NB.replace("alice", "bob"), RequestContext.EMPTY));
        assertNotEquals(a, other);
    }

    @Test
    void uncacheableRequests() {
        assertNull(DecisionKey.of(DEMO, req(RequestContext.EMPTY, Map.of("owner", "x"))), "session tags");
        assertNull(DecisionKey.of(DEMO, req(RequestContext.builder().put("sagemaker:ResourceTag/owner", "x").build(), Map.of())),
                "a spoofing attempt is refused, never answered from the cache");
        assertNull(DecisionKey.of(DEMO, new AuthorizeRequest("arn:aws:sts::111122223333:assumed-role/Nobody/x", Map.of(), ACTION, NB,
                RequestContext.EMPTY)), "unknown caller");
    }

    @Test
    void aReloadWithTheSameRevisionNeverSharesKeys() {
        Bundle again = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of("classpath:demo-bundle")).bundle();
        assertEquals(DEMO.revision(), again.revision());
        org.junit.jupiter.api.Assertions.assertTrue(again.generation() > DEMO.generation(), "generations grow with every load");
        assertNotEquals(DecisionKey.of(DEMO, req(RequestContext.EMPTY, Map.of())), DecisionKey.of(again, req(RequestContext.EMPTY, Map.of())));
    }
}
