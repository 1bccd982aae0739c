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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's per-snapshot tables and per-decision shortcuts answer what the plain structures answer: the
 * inventory table what {@code Bundle.resourceTags().get} answers, the user table what resolving answers (once per
 * snapshot, not in the memo), and the layered context's remembered lookups nothing of an earlier decision.
 */
class EngineTablesTest {
    static Bundle demo;

    @BeforeAll
    static void load() {
        demo = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of("classpath:demo-bundle")).bundle();
    }

    @Test
    void theArnTableFindsByInstanceAndByCharacters() {
        List<String> keys = new ArrayList<>();
        String[] values = new String[5_000];
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            keys.add("arn:aws:s3:::bucket-" + i);
            values[i] = "value-" + i;
            map.put(keys.get(i), values[i]);
        }
        ArnTable<String> t = new ArnTable<>(map);
        assertEquals(values.length, t.size());
        for (int i = 0; i < values.length; i++) {
            assertSame(values[i], t.get(keys.get(i)), "by instance");
            assertSame(values[i], t.get(new String(keys.get(i))), "by characters");
            assertNull(t.get("arn:aws:s3:::bucket-" + i + "x"));
            assertTrue(t.find(keys.get(i)) >= 0);
        }
        assertNull(t.get(null));
        assertEquals(-1, t.find(null));
        assertEquals(-1, t.find("arn:aws:s3:::other"));
        int slot = t.find("arn:aws:s3:::bucket-7");
        t.set(slot, "seven");
        assertEquals("seven", t.get(new String("arn:aws:s3:::bucket-7")));
        assertEquals("value-8", t.get("arn:aws:s3:::bucket-8"));
    }

    @Test
    void inventoryTagsAreTheBundlesOwn() {
        Caller.newMemo(demo, 1 << 20); // the tables built at once (a snapshot's first decision builds them in the background)
        assertFalse(demo.resourceTags().isEmpty());
        for (Map.Entry<String, Map<String, RequestContext.Entry>> e : demo.resourceTags().entrySet()) {
            assertSame(e.getValue(), Caller.resourceTags(demo, e.getKey()));
            assertSame(e.getValue(), Caller.resourceTags(demo, new String(e.getKey())));
            assertNull(Caller.resourceTags(demo, e.getKey() + "-not"));
        }
        assertNull(Caller.resourceTags(demo, null));
    }

    @Test
    void usersResolveOncePerSnapshotOutsideTheMemo() {
        java.util.concurrent.ConcurrentMap<String, Caller> memo = Caller.newMemo(demo, 1 << 20);
        String carol = "arn:aws:iam::111122223333:user/carol";
        Caller c = Caller.resolve(demo, carol, null);
        assertTrue(c.known());
        assertEquals("AIDACAROLEXAMPLE0001", c.derived().get("aws:userid").value(0));
        assertSame(c, Caller.resolve(demo, new String(carol), Map.of()), "the user's slot");
        assertFalse(memo.containsKey(carol), "users are not memoized");
        // a non-canonical spelling is not in the table: it resolves (unknown) through the memo, as before
        Caller upper = Caller.resolve(demo, "arn:aws:iam::111122223333:user/Carol", null);
        assertFalse(upper.known());
        assertTrue(memo.containsKey("arn:aws:iam::111122223333:user/Carol"));
        // session tags are never memoized: a user sending them still resolves fresh
        assertTrue(Caller.resolve(demo, carol, Map.of("k", "v")).known());
    }

    @Test
    void rememberedLookupsEndWithTheDecision() {
        String key = "aws:sourceip";
        RequestContext first = RequestContext.builder().put("aws:SourceIp", "10.0.0.1").build();
        RequestContext second = RequestContext.builder().put("aws:SourceIp", "10.0.0.2").build();
        LayeredContext ctx = new LayeredContext(first, Map.of(), null, null, Instant.EPOCH);
        assertEquals("10.0.0.1", ctx.get(key).value(0));
        assertEquals("10.0.0.1", ctx.get(key).value(0), "remembered");
        assertNull(ctx.get("aws:username"));
        assertNull(ctx.get("aws:username"), "an absent key, remembered");
        ctx.reset(second, Map.of("aws:username", RequestContext.entry("aws:username", "bob")), null, null, Instant.EPOCH);
        assertEquals("10.0.0.2", ctx.get(key).value(0), "the next decision's value");
        assertEquals("bob", ctx.get("aws:username").value(0));
        // more keys than remembered slots: each still answers its own value
        RequestContext.Builder b = RequestContext.builder();
        for (int i = 0; i < 9; i++) {
            b.put("k" + i, "v" + i);
        }
        ctx.reset(b.build(), Map.of(), null, null, Instant.EPOCH);
        String[] keys = new String[9];
        for (int i = 0; i < 9; i++) {
            keys[i] = "k" + i;
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 9; i++) {
                int j = (i * 4 + round) % 9;
                assertEquals("v" + j, ctx.get(keys[j]).value(0));
            }
        }
    }
}
