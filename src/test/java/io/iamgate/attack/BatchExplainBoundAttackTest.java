package io.iamgate.attack;

import io.iamgate.authz.Decider;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.LoadResult;
import io.iamgate.eval.ExplainMode;
import io.iamgate.policy.Finding;
import io.iamgate.policy.ProblemCode;
import io.iamgate.runtime.ConfigCheck;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /v1/authorize/batch?explain=true} had no bound on its answer: a principal whose policies hold a few thousand
 * statements explains each of them in every one of up to 100 results, so one call of a few KB asked for tens of MB
 * (and, with the bundle's 4 MiB of policies, gigabytes). The explained answer is now bounded
 * ({@code iamgate.authorize.max-explain-bytes}): past it the call stops with a 400 {@code RESPONSE_TOO_LARGE} naming the
 * request, and an answer under the bound is unchanged.
 */
class BatchExplainBoundAttackTest {

    static Bundle manyStatements() {
        StringBuilder p = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = 0; i < 2_000; i++) {
            p.append(i == 0 ? "" : ",").append("{\"Sid\":\"S").append(i).append("\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",")
                    .append("\"Resource\":\"arn:aws:s3:::bucket-").append(i).append("/*\"}");
        }
        p.append("]}");
        LoadResult r = new BundleLoader(HostileBundleSizeAttackTest.V, false).load(new BundleFiles("test", Map.of(
                "iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n",
                "policies/many.json", p.toString(),
                "principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [many]\n")));
        assertTrue(r.accepted(), () -> r.findings().toString());
        return r.bundle();
    }

    static String batch(int n) {
        StringBuilder b = new StringBuilder("{\"requests\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"principal\":{\"arn\":\"arn:aws:sts::111122223333:assumed-role/DS/alice\"},")
                    .append("\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::other/").append(i).append("\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void anExplainedBatchOverTheBoundIsA400NamingTheRequest() {
        Bundle b = manyStatements();
        Decider d = new Decider(false, null, 100);
        Decider.Answer unbounded = d.batch(b, batch(100), ExplainMode.ALL, Instant.now());
        long size = ((Decider.Batch) unbounded).json().length();
        assertTrue(size > 8L << 20, "the attack: " + size + " characters from a " + batch(100).length() + "-character call");

        Decider.Answer a = d.batch(b, batch(100), ExplainMode.ALL, Instant.now(), 8L << 20);
        Decider.Invalid inv = assertInstanceOf(Decider.Invalid.class, a);
        Finding f = inv.error().errors().get(0);
        assertEquals(ProblemCode.RESPONSE_TOO_LARGE.name(), f.code());
        assertTrue(f.pointer().startsWith("/requests/"), f.pointer());
        assertTrue(f.message().contains("iamgate.authorize.max-explain-bytes"), f.message());
    }

    @Test
    void underTheBoundAndWithoutExplainNothingChanges() {
        Bundle b = manyStatements();
        Decider d = new Decider(false, null, 100);
        assertEquals(((Decider.Batch) d.batch(b, batch(2), ExplainMode.ALL, Instant.now())).json(),
                ((Decider.Batch) d.batch(b, batch(2), ExplainMode.ALL, Instant.now(), 8L << 20)).json());
        assertInstanceOf(Decider.Batch.class, d.batch(b, batch(100), ExplainMode.OFF, Instant.now(), 1024));
    }

    @Test
    void aBoundBelow1KiBStopsTheStart() {
        var c = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of("iamgate.authorize.max-explain-bytes", "10"), "t", 500)).build();
        assertTrue(ConfigCheck.problems(c).stream().anyMatch(p -> p.contains("iamgate.authorize.max-explain-bytes")), ConfigCheck.problems(c).toString());
    }
}
