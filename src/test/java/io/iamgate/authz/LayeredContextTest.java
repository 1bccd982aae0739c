package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.RequestContext;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layered context's per-key facts: the derived layer is skipped only for keys no caller can derive
 * ({@link Caller#mayDerive} holds every key {@code Caller} derives), tag keys answer the inventory's tags (a service's
 * only for that service's resources), the clock keys the clock, and the facts are kept per key instance.
 */
class LayeredContextTest {
    static Bundle demo;

    @BeforeAll
    static void load() {
        demo = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of("classpath:demo-bundle")).bundle();
    }

    @Test
    void everyDerivedKeyIsOneTheContextAsksTheDerivedLayerFor() {
        int checked = 0;
        for (String arn : new String[] {"arn:aws:iam::111122223333:user/carol", "arn:aws:sts::111122223333:assumed-role/DataScientist/alice"}) {
            for (Map<String, String> session : java.util.List.of(Map.<String, String>of(), Map.of("Project", "x", "cost-center", "y"))) {
                Caller c = Caller.resolve(demo, arn, session);
                assertTrue(c.known(), arn);
                for (Map.Entry<String, RequestContext.Entry> e : c.derived().entrySet()) {
                    assertTrue(Caller.mayDerive(e.getKey()), e.getKey());
                    assertTrue(LayeredContext.facts(e.getKey()).derivable(), e.getKey());
                    // and the layered context finds it through the derived layer, by an equal key of another instance too
                    LayeredContext ctx = new LayeredContext(RequestContext.EMPTY, c.derived(), null, null, Instant.EPOCH);
                    assertSame(e.getValue(), ctx.get(new String(e.getKey())));
                    assertSame(e.getValue(), ctx.get(e.getKey().intern()), "by the interned instance policies ask with");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 20, "checked " + checked);
        assertFalse(Caller.mayDerive("aws:sourceip"));
        assertFalse(Caller.mayDerive("sagemaker:resourcetag/owner"));
        assertFalse(Caller.mayDerive("aws:resourcetag/owner"));
        assertFalse(Caller.mayDerive("aws:currenttime"));
    }

    @Test
    void tagKeysAnswerTheInventoryTagsOfTheResourcesService() {
        RequestContext.Entry owner = RequestContext.entry("owner", "carol");
        Map<String, RequestContext.Entry> tags = Map.of("owner", owner);
        String nb = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb";
        LayeredContext ctx = new LayeredContext(RequestContext.EMPTY, Map.of(), tags, nb, Instant.EPOCH);
        assertSame(owner, ctx.get("aws:resourcetag/owner"));
        assertSame(owner, ctx.get("sagemaker:resourcetag/owner"));
        assertNull(ctx.get("s3:resourcetag/owner"), "another service's tag key");
        assertNull(ctx.get("sagemakerx:resourcetag/owner"), "a longer service");
        assertNull(ctx.get("sagemake:resourcetag/owner"), "a shorter service");
        assertNull(ctx.get("aws:resourcetag/team"));
        ctx.reset(RequestContext.EMPTY, Map.of(), tags, "arn:aws:s3:::bucket", Instant.EPOCH);
        assertNull(ctx.get("sagemaker:resourcetag/owner"), "the next decision's resource, its service found again");
        assertSame(owner, ctx.get(new String("s3:resourcetag/owner")));
        ctx.reset(RequestContext.EMPTY, Map.of(), null, null, Instant.EPOCH);
        assertNull(ctx.get("aws:resourcetag/owner"), "no inventory tags");
        assertNull(ctx.get("s3:resourcetag/owner"));
    }

    @Test
    void theClockAndTheLayersOrder() {
        Instant now = Instant.parse("2026-11-30T01:02:03Z");
        RequestContext sent = RequestContext.builder().put("aws:PrincipalTag/owner", "sent").build();
        Map<String, RequestContext.Entry> derived = Map.of("aws:principaltag/owner", RequestContext.entry("aws:PrincipalTag/owner", "derived"));
        LayeredContext ctx = new LayeredContext(sent, derived, null, null, now);
        assertEquals("sent", ctx.get("aws:principaltag/owner").value(0), "the request's keys first");
        assertEquals("2026-11-30T01:02:03Z", ctx.get("aws:currenttime").value(0));
        assertEquals(String.valueOf(now.getEpochSecond()), ctx.get("aws:epochtime").value(0));
        assertNull(ctx.get("aws:sourceip"));
        assertEquals(LayeredContext.Kind.CURRENT_TIME, LayeredContext.facts("aws:currenttime").kind());
        assertEquals(LayeredContext.Kind.SERVICE_TAG, LayeredContext.facts("ec2:resourcetag/x").kind());
        assertEquals("x", LayeredContext.facts("ec2:resourcetag/x").tag());
        String key = "aws:resourcetag/kept";
        assertSame(LayeredContext.facts(key), LayeredContext.facts(key), "kept per key instance");
    }

    @Test
    void aCallersOwnerValuesAreTheInventorysInstances(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path b = dir.resolve("b");
        io.iamgate.tools.gen.SyntheticBundle.write(b, 20, 200, 3);
        Bundle bundle = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(b.toString())).bundle();
        Caller.newMemo(bundle, 1 << 20); // the tables, tag values included, built at once
        int same = 0;
        for (int j = 0; j < 200; j++) {
            int owner = io.iamgate.tools.gen.SyntheticBundle.ownerOf(j, 20);
            String tag = bundle.resourceTags().get(io.iamgate.tools.gen.SyntheticBundle.NB + io.iamgate.tools.gen.SyntheticBundle.notebook(j)).get("owner").value(0);
            Caller c = Caller.resolve(bundle, "arn:aws:iam::111122223333:user/" + io.iamgate.tools.gen.SyntheticBundle.userName(owner), null);
            String mine = c.derived().get(io.iamgate.tools.gen.SyntheticBundle.byUserid(owner) ? "aws:userid" : "aws:principaltag/owner").value(0);
            assertEquals(tag, mine);
            assertSame(tag, mine, "the inventory's instance: an owner check compares references");
            same++;
        }
        assertEquals(200, same);
        // a value the inventory does not hold is kept as it is
        String other = new String("not-a-tag-value");
        assertSame(other, TagValues.canonical(TagValues.of(bundle.resourceTags().values()), other));
        assertSame(other, TagValues.canonical(null, other));
    }

    @Test
    void theResourcesServiceComesFromTheSnapshotsTableByIndex(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path b = dir.resolve("b");
        io.iamgate.tools.gen.SyntheticBundle.write(b, 10, 50, 5);
        Bundle bundle = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(b.toString())).bundle();
        Caller.newMemo(bundle, 1 << 20);
        String nb = io.iamgate.tools.gen.SyntheticBundle.NB + io.iamgate.tools.gen.SyntheticBundle.notebook(7);
        byte[] body = ("{\"principal\":{\"arn\":\"arn:aws:iam::111122223333:user/u00001\"},\"action\":\"sagemaker:StartNotebookInstance\","
                + "\"resource\":\"" + nb + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AuthorizeRequest req = RequestReader.scratch(body, 0, body.length, bundle);
        assertEquals("sagemaker", Caller.resourceService(req), "by the index the reader found");
        // the given service is what a SERVICE:ResourceTag key is compared with (the ARN is not read again)
        Map<String, RequestContext.Entry> tags = bundle.resourceTags().get(nb);
        LayeredContext ctx = new LayeredContext(RequestContext.EMPTY, Map.of(), tags, nb, Instant.EPOCH).resourceService("sagemaker");
        assertSame(tags.get("owner"), ctx.get("sagemaker:resourcetag/owner"));
        assertNull(ctx.get("ec2:resourcetag/owner"));
        ctx.reset(RequestContext.EMPTY, Map.of(), tags, nb, Instant.EPOCH).resourceService("ec2");
        assertNull(ctx.get("sagemaker:resourcetag/owner"), "the given service, not the ARN's");
        assertSame(tags.get("owner"), ctx.get("ec2:resourcetag/owner"));
        ctx.reset(RequestContext.EMPTY, Map.of(), tags, nb, Instant.EPOCH);
        assertSame(tags.get("owner"), ctx.get("sagemaker:resourcetag/owner"), "reset: read from the ARN again");
        // a request the reader did not find in the table has none
        assertNull(Caller.resourceService(new AuthorizeRequest("arn:aws:iam::111122223333:user/u00001", Map.of(), "sagemaker:StartNotebookInstance", nb,
                RequestContext.EMPTY)));
    }

    /**
     * A thread's context is reset and reused for each decision, and remembers its last keys: every decision must answer
     * from its own layers, whatever the decision before it remembered (the same key instances, other entries), also when
     * the remembered slots wrap around. (Fails when a reset keeps the remembered keys valid.)
     */
    @Test
    void aReusedContextAnswersEveryDecisionFromItsOwnLayers() {
        String[] keys = {"aws:userid", "aws:username", "aws:principalarn", "aws:principalaccount", "aws:principaltype"};
        for (String k : keys) {
            assertTrue(Caller.mayDerive(k), k);
        }
        LayeredContext ctx = new LayeredContext(RequestContext.EMPTY, Map.of(), null, null, Instant.EPOCH);
        for (int decision = 0; decision < 12; decision++) {
            java.util.Map<String, RequestContext.Entry> derived = new java.util.HashMap<>();
            for (int k = 0; k < keys.length; k++) {
                if ((decision + k) % 3 != 0) { // a different subset of keys present in each decision
                    derived.put(keys[k], RequestContext.Entry.of(keys[k], "d" + decision + "k" + k));
                }
            }
            ctx.reset(RequestContext.EMPTY, derived, null, null, Instant.EPOCH);
            for (int ask = 0; ask < 3; ask++) { // asked again and again, as a plan asks: remembered after the first time
                for (int k = (decision % keys.length), n = 0; n < keys.length; k = (k + 1) % keys.length, n++) {
                    assertSame(derived.get(keys[k]), ctx.get(keys[k]), "decision " + decision + ", ask " + ask + ", " + keys[k]);
                }
            }
        }
    }
}
