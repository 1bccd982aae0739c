package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.ExplainMode;
import io.iamgate.sim.InputException;
import io.iamgate.sim.ResultJson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads share one {@link Decider} and one small {@link DecisionCache} (evicting all the time, its front table of a
 * few slots contended, sampled and quiet reads mixed) over two snapshots (a reload adds a guardrail; requests of both are
 * in flight) and two clocks (a policy reads the time): every answer each thread gets — its decision and every way of
 * reading its response (text, bytes, stream), read before the thread's next decision — must be the answer the uncached,
 * single-threaded reference computes for that snapshot, body and clock. A torn front-table slot, an answer stored under
 * another body, snapshot or clock, or a per-thread buffer read by another thread shows up as a wrong answer. Bounded:
 * a fixed number of calls per thread, no timing.
 */
class DecisionCacheConcurrencyStressTest {
    static final String ACCOUNT = "111122223333";
    static final int RESOURCES = 24;
    static final Instant[] CLOCKS = {Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")};

    static String nb(int i) {
        return "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/nb-" + i;
    }

    static Bundle bundle(boolean guardrail) {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"" + ACCOUNT + "\"\nregion: us-east-1\n");
        f.put("policies/owner.json", """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"Owner","Effect":"Allow","Action":"sagemaker:*","Resource":"*","Condition":{"StringEquals":{"sagemaker:ResourceTag/owner":"${aws:userid}"}}},
                 {"Sid":"Ip","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
                 {"Sid":"Mfa","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}}
                ]}""");
        f.put("policies/timed.json", """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"Until","Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}}}
                ]}""");
        if (guardrail) {
            f.put("guardrails/g.json", """
                    {"Version":"2012-10-17","Statement":[{"Sid":"NoStop","Effect":"Deny","Action":"sagemaker:Stop*","Resource":"*"}]}""");
        }
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner]\n  - name: Ops\n    id: AROAOPS\n    policies: [timed, owner]\n"
                + "users:\n  - name: carol\n    id: AIDACAROL\n    policies: [owner, timed]\n");
        StringBuilder inv = new StringBuilder();
        for (int i = 0; i < RESOURCES; i++) {
            String owner = i % 3 == 0 ? "AIDACAROL" : i % 3 == 1 ? "AROADS:u" + (i % 5) : "AROAOPS:u" + (i % 5);
            inv.append("- arn: \"").append(nb(i)).append("\"\n  tags: {owner: \"").append(owner).append("\"}\n");
        }
        f.put("resources.yaml", inv.toString());
        return TestBundles.accepted(f);
    }

    static final String[] CALLERS = {"arn:aws:sts::" + ACCOUNT + ":assumed-role/DS/u0", "arn:aws:sts::" + ACCOUNT + ":assumed-role/DS/u1",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/DS/u2", "arn:aws:sts::" + ACCOUNT + ":assumed-role/Ops/u3",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/Ops/u4", "arn:aws:iam::" + ACCOUNT + ":user/carol", "arn:aws:iam::" + ACCOUNT + ":user/nobody"};
    static final String[] ACTIONS = {"sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:StopNotebookInstance", "s3:GetObject", "s3:PutObject"};

    /** Bodies that differ in one field, or only in spelling (whitespace, field order, an escape: other bytes, the same request). */
    static List<byte[]> bodies() {
        Random r = new Random(7);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String caller = CALLERS[r.nextInt(CALLERS.length)];
            String action = ACTIONS[r.nextInt(ACTIONS.length)];
            String resource = r.nextInt(6) == 0 ? "arn:aws:s3:::bucket/k" + r.nextInt(3) : nb(r.nextInt(RESOURCES));
            String ctx = switch (r.nextInt(5)) {
                case 0 -> "";
                case 1 -> ",\"context\":{\"aws:SourceIp\":\"10.0.0." + r.nextInt(3) + "\"}";
                case 2 -> ",\"context\":{\"aws:SourceIp\":\"192.168.0.1\",\"aws:MultiFactorAuthAge\":" + (r.nextBoolean() ? 10 : 4000) + "}";
                case 3 -> ",\"context\":{\"aws:CurrentTime\":\"2026-0" + (5 + r.nextInt(2)) + "-15T00:00:00Z\",\"aws:EpochTime\":1780000000}";
                default -> ",\"context\":{\"aws:CurrentTime\":\"2026-05-15T00:00:00Z\"}"; // one time only: the clock still decides
            };
            String principal = r.nextBoolean() ? "\"" + caller + "\"" : "{\"arn\":\"" + caller + "\"}";
            String body = switch (r.nextInt(4)) {
                case 0 -> "{\"principal\":" + principal + ",\"action\":\"" + action + "\",\"resource\":\"" + resource + "\"" + ctx + "}";
                case 1 -> "{ \"action\": \"" + action + "\", \"resource\": \"" + resource + "\", \"principal\": " + principal + ctx + " }";
                case 2 -> "{\"principal\":" + principal + ",\"action\":\"" + action.replace("s", "\\u0073") + "\",\"resource\":\"" + resource + "\"" + ctx + "}";
                default -> "{\"principal\":" + principal + ",\"action\":\"" + action + "\",\"resource\":\"" + resource + "\"" + ctx + "}\n";
            };
            out.add(body.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static String reference(Bundle b, byte[] body, Instant now) {
        try {
            AuthorizeRequest req = RequestReader.slow(new String(body, StandardCharsets.UTF_8), b.keyTypes());
            Authorizer.Outcome o = new Authorizer(false).authorize(b, req, now, ExplainMode.OFF);
            return o.spoofedKey() != null ? "REFUSED " + o.spoofedKey() : o.result().decision() + " " + ResultJson.write(o.result(), b.revision());
        } catch (InputException e) {
            return "INVALID";
        }
    }

    /** The answer as read every way, checked to agree with itself. */
    static String read(Decider.Answer a) throws Exception {
        if (!(a instanceof Decider.Decided d)) {
            return a instanceof Decider.Invalid ? "INVALID" : "REFUSED " + ((Decider.Refused) a).key();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.writeTo(out);
        byte[] bytes = d.utf8();
        String json = d.json();
        assertEquals(json, out.toString(StandardCharsets.UTF_8));
        assertEquals(json, new String(bytes, StandardCharsets.UTF_8));
        assertEquals(bytes.length, d.utf8Length());
        return d.decision() + " " + json;
    }

    @Test
    void everyAnswerOnEveryThreadIsTheUncachedAnswerForItsSnapshotBodyAndClock() throws Exception {
        Bundle[] snapshots = {bundle(false), bundle(true)};
        assertTrue(snapshots[0].generation() < snapshots[1].generation());
        List<byte[]> bodies = bodies();
        Map<String, String> expected = new HashMap<>();
        int kinds = 0;
        for (int s = 0; s < 2; s++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < bodies.size(); i++) {
                    expected.put(s + "/" + c + "/" + i, reference(snapshots[s], bodies.get(i), CLOCKS[c]));
                }
            }
        }
        assertTrue(expected.values().stream().anyMatch(v -> v.startsWith("ALLOW")), "some bodies are allowed");
        assertTrue(expected.values().stream().anyMatch(v -> v.startsWith("EXPLICIT_DENY")), "some are denied");
        // small: about 40 entries fit, so entries are evicted (and leave the front table) while others read them
        DecisionCache cache = new DecisionCache(40 * 1500, null, true, 8, Runnable::run, 16);
        Decider cached = new Decider(false, cache, 100);
        Decider plain = new Decider(false, null, 100);
        int threads = 4;
        int calls = 6000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 100 + t;
                done.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    int checked = 0;
                    for (int k = 0; k < calls; k++) {
                        int i = r.nextInt(r.nextInt(4) == 0 ? bodies.size() : 24); // a hot set, and the rest
                        int s = r.nextInt(2);
                        int c = r.nextInt(2);
                        Decider d = r.nextInt(8) == 0 ? plain : cached;
                        String want = expected.get(s + "/" + c + "/" + i);
                        String got = read(d.decide(snapshots[s], bodies.get(i), ExplainMode.OFF, CLOCKS[c]));
                        assertEquals(want, got, "snapshot " + s + ", clock " + c + ", body " + new String(bodies.get(i), StandardCharsets.UTF_8));
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(calls, f.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        var stats = cache.caffeine().stats();
        assertTrue(stats.hitCount() > 0 && stats.evictionCount() > 0, "the run hit the cache and evicted from it: " + stats);
    }

    /**
     * Threads reading distinct hostile bodies at once (the recognizer differential's generator: new ARNs, keys and values
     * all the time, so the shared interners and the per-thread key tables churn) through one Decider with the cache and
     * one without: every answer is the one the positional tier and the engine gave for that body, computed first on one
     * thread.
     */
    @Test
    void hostileBodiesOnManyThreadsDecideAsOnOne() throws Exception {
        DeciderTierDifferentialTest.load();
        Bundle b = DeciderTierDifferentialTest.bundle;
        int threads = 4;
        int each = 800;
        List<List<byte[]>> bodies = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random r = new Random(500 + t);
            List<byte[]> mine = new ArrayList<>();
            List<String> want = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                byte[] body = BodyRecognizerDifferentialTest.body(r, new boolean[1]).getBytes(StandardCharsets.UTF_8);
                if (r.nextInt(6) == 0) {
                    body = DeciderTierDifferentialTest.damage(r, body);
                }
                mine.add(body);
                want.add(DeciderTierDifferentialTest.reference(body, false, ExplainMode.OFF));
            }
            bodies.add(mine);
            expected.add(want);
        }
        DecisionCache cache = new DecisionCache(1 << 16, null, true, 8, Runnable::run, 64);
        Decider cached = new Decider(false, cache, 100);
        Decider plain = new Decider(false, null, 100);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    Random r = new Random(me);
                    for (int k = 0; k < 2 * each; k++) {
                        int i = r.nextInt(each);
                        byte[] body = bodies.get(me).get(i);
                        Decider d = r.nextBoolean() ? cached : plain;
                        assertEquals(expected.get(me).get(i), DeciderTierDifferentialTest.outcome(d.decide(b, body, ExplainMode.OFF,
                                DeciderTierDifferentialTest.NOW)), () -> new String(body, StandardCharsets.ISO_8859_1));
                    }
                    return 2 * each;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(2 * each, f.get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
