package io.iamgate.compile;

import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyParser;
import io.iamgate.policy.PolicyType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Plans are shared by exactly the principals with the same attachments: same groups, names and documents. */
class PlanCompilerTest {
    static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

    @Test
    void theSameAttachmentsShareOnePlanAndAnyDifferenceGetsItsOwn() throws Exception {
        PolicyDocument a = new PolicyParser().parse(DOC);
        PolicyDocument b = new PolicyParser().parse(DOC);
        NamedPolicy p = new NamedPolicy("p", PolicyType.IDENTITY, a);
        PlanCompiler c = new PlanCompiler();
        CompiledPlan first = c.plan(new PolicySet(List.of(p), List.of(), List.of()));
        assertSame(first, c.plan(new PolicySet(List.of(new NamedPolicy("p", PolicyType.IDENTITY, a, "policies/p.json")), List.of(), List.of())));
        assertNotSame(first, c.plan(new PolicySet(List.of(new NamedPolicy("p", PolicyType.IDENTITY, b)), List.of(), List.of())),
                "an equal text parsed again is another document");
        assertNotSame(first, c.plan(new PolicySet(List.of(), List.of(p), List.of())), "the same policy in another group");
        assertNotSame(first, c.plan(new PolicySet(List.of(new NamedPolicy("q", PolicyType.IDENTITY, a)), List.of(), List.of())));
        assertEquals(4, c.distinctPlans());
    }
}
