package io.iamgate.authz;

import io.iamgate.validate.KeyTypes;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.RequestContext;
import io.iamgate.sim.ResultJson;
import io.iamgate.tools.gen.SyntheticBundle;
import io.iamgate.tools.gen.SyntheticRequests;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The uncached body path ({@code DecisionBenchmark.body}) cut into cumulative stages, to see where its time goes.
 * Each method does what the one before it does plus one step, on the same bodies in the same order:
 * <ol>
 *   <li>{@link #s1read}: the body's bytes read into the thread's scratch request ({@link RequestReader#scratch}; since the
 *   eighth round this includes both table lookups and reading the caller and tags they find, which {@link #s2resolve} then
 *   takes from the request: compare {@link #s2resolve} across versions, not {@link #s1read});</li>
 *   <li>{@link #s2resolve}: + the resource's inventory tags and the caller, as {@link Decider} finds them (by the indexes the
 *   reader found in the snapshot's tables, {@link Decider#tags}, {@link Decider#caller});</li>
 *   <li>{@link #s3decide}: + the decision (layered context, compiled plan, into the thread's verdict);</li>
 *   <li>{@link #s4write}: + the response bytes ({@link ResultJson#utf8}): the whole body path;</li>
 *   <li>{@link #lookupsOnly}: the two lookups alone, on pre-read requests (no parse).</li>
 * </ol>
 * {@link #s1readStreamed}, {@link #s2resolveStreamed} and {@link #s4writeStreamed} are {@link #s1read}, {@link #s2resolve} and {@link #s4write} with the read done by Jackson's
 * streaming tier alone ({@link RequestReader#streamed}, what the byte path did before its first tier, {@link BodyRecognizer}):
 * the A/B of the read in one run.
 * Lives in {@code io.iamgate.authz} (benchmark source set only) to reach the package's stages without widening their API.
 */
@Fork(jvmArgsPrepend = {"-XX:+UseSerialGC", "-XX:+UseTransparentHugePages"}) // as the sidecar runs (docker/jvm.options); -jvmArgsPrepend replaces both: -XX:+UseSerialGC = no huge pages, -XX:+UseG1GC = G1
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BodyStagesBenchmark {

    @Param({"10k-100k"})
    public String bundle;

    Bundle b;
    KeyTypes types;
    byte[][] bodies;
    AuthorizeRequest[] requests;
    Instant now = Instant.now();
    int i;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        String location = switch (bundle) {
            case "demo" -> "classpath:demo-bundle";
            default -> {
                Path dir = Files.createTempDirectory("iamgate-bench");
                SyntheticBundle.write(dir, 10_000, 100_000, 1);
                yield dir.toString();
            }
        };
        b = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(location)).bundle();
        types = b.keyTypes();
        Caller.newMemo(b, Caller.MEMO_BYTES); // the snapshot's user and inventory tables built now (a first decision builds them in the background)
        SyntheticRequests gen = new SyntheticRequests(b, 11);
        bodies = new byte[65_536][];
        requests = new AuthorizeRequest[bodies.length];
        for (int k = 0; k < bodies.length; k++) {
            SyntheticRequests.Item item = gen.next();
            bodies[k] = item.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            requests[k] = item.request();
        }
    }

    private int next() {
        return i++ & (bodies.length - 1);
    }

    private AuthorizeRequest read(byte[] body) {
        return RequestReader.scratch(body, 0, body.length, b); // as Decider: the snapshot's user and inventory tables
    }

    /** The inventory tags as {@link Decider} finds them (by the reader's index). */
    private Map<String, RequestContext.Entry> tags(AuthorizeRequest r) {
        return Decider.tags(b, r);
    }

    /** The caller as {@link Decider} resolves it (a user by the reader's index). */
    private Caller caller(AuthorizeRequest r) {
        return Decider.caller(b, r);
    }

    @Benchmark
    public AuthorizeRequest s1read() {
        return read(bodies[next()]);
    }

    @Benchmark
    public AuthorizeRequest s1readStreamed() {
        byte[] body = bodies[next()];
        return RequestReader.streamed(body, 0, body.length, types, b.resourceArns());
    }

    @Benchmark
    public Caller s2resolveStreamed() {
        byte[] body = bodies[next()];
        AuthorizeRequest r = RequestReader.streamed(body, 0, body.length, types, b.resourceArns());
        Map<String, RequestContext.Entry> tags = tags(r);
        Caller c = caller(r);
        return tags == null ? null : c;
    }

    @Benchmark
    public Caller s2resolve() {
        AuthorizeRequest r = read(bodies[next()]);
        Map<String, RequestContext.Entry> tags = tags(r);
        Caller c = caller(r);
        return tags == null ? null : c;
    }

    @Benchmark
    public io.iamgate.eval.Verdict s3decide() {
        AuthorizeRequest r = read(bodies[next()]);
        Map<String, RequestContext.Entry> tags = tags(r);
        Caller c = caller(r);
        return Authorizer.verdict(r, c, tags, now); // what Decider decides into (explain off)
    }

    @Benchmark
    public io.iamgate.json.Utf8Buffer s4write() {
        AuthorizeRequest r = read(bodies[next()]);
        Map<String, RequestContext.Entry> tags = tags(r);
        Caller c = caller(r);
        return ResultJson.utf8(Authorizer.verdict(r, c, tags, now), b.revision());
    }

    @Benchmark
    public io.iamgate.json.Utf8Buffer s4writeStreamed() {
        byte[] body = bodies[next()];
        AuthorizeRequest r = RequestReader.streamed(body, 0, body.length, types, b.resourceArns());
        Map<String, RequestContext.Entry> tags = tags(r);
        Caller c = caller(r);
        return ResultJson.utf8(Authorizer.decide(r, c, tags, now, io.iamgate.eval.ExplainMode.OFF), b.revision());
    }

    private final com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
    private com.fasterxml.jackson.core.JsonParser nonBlocking;

    /** Jackson's floor: the reused non-blocking parser fed the body, every token visited, no text asked for. */
    @Benchmark
    public int tokensNonBlocking() throws java.io.IOException {
        if (nonBlocking == null) {
            nonBlocking = factory.createNonBlockingByteArrayParser();
        }
        byte[] body = bodies[next()];
        ((com.fasterxml.jackson.core.async.ByteArrayFeeder) nonBlocking).feedInput(body, 0, body.length);
        int depth = 0;
        int n = 0;
        do {
            com.fasterxml.jackson.core.JsonToken t = nonBlocking.nextToken();
            n++;
            if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                depth++;
            } else if (t == com.fasterxml.jackson.core.JsonToken.END_OBJECT) {
                depth--;
            }
        } while (depth > 0);
        nonBlocking.nextToken();
        return n;
    }

    /** The same with a new blocking byte parser per body (what Jackson allocates for one). */
    @Benchmark
    public int tokensBlocking() throws java.io.IOException {
        byte[] body = bodies[next()];
        try (com.fasterxml.jackson.core.JsonParser p = factory.createParser(body)) {
            int n = 0;
            while (p.nextToken() != null) {
                n++;
            }
            return n;
        }
    }

    @Benchmark
    public Caller lookupsOnly() {
        AuthorizeRequest r = requests[next()];
        Map<String, RequestContext.Entry> tags = tags(r);
        Caller c = caller(r);
        return tags == null ? null : c;
    }
}
