package io.iamgate.bench;

import io.iamgate.presign.PresignService;
import io.iamgate.presign.ReplayCache;
import io.iamgate.presign.TokenCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The forward-auth check a gateway makes for every request to a notebook ({@code GET /v1/forward-auth}
 * without HTTP): a valid session cookie on a path under the grant (the common case), and a request
 * without credentials (refused).
 */
@Fork(jvmArgsPrepend = {"-XX:+UseSerialGC", "-XX:+UseTransparentHugePages"}) // as the sidecar runs (docker/jvm.options); -jvmArgsPrepend replaces both: -XX:+UseSerialGC = no huge pages, -XX:+UseG1GC = G1
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForwardAuthBenchmark {
    static final String ALICE = "arn:aws:sts::444455556666:assumed-role/DataScientist/alice";
    static final String ARN = "arn:aws:sagemaker:us-east-1:444455556666:notebook-instance/alice-nb";

    PresignService presign;
    String cookie;
    String path;
    Instant now;

    @Setup
    public void setup() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        presign = new PresignService(new TokenCodec(key, List.of()), new ReplayCache(1000));
        now = Instant.now();
        path = PresignService.notebookPath("alice-nb");
        String token = presign.issue(ALICE, ARN, path, 300, 43_200, now);
        PresignService.Check exchanged = presign.check(path + "?authToken=" + token, null, true, now);
        String set = exchanged.setCookie();
        cookie = set.substring(0, set.indexOf(';'));
        if (presign.check(path + "lab/tree/x.ipynb", cookie, true, now).status() != 200) {
            throw new IllegalStateException("the cookie does not check");
        }
    }

    @Benchmark
    public PresignService.Check validCookie() {
        return presign.check(path + "lab/tree/x.ipynb", "_xsrf=2|abc; " + cookie, true, now);
    }

    @Benchmark
    public PresignService.Check noCredentials() {
        return presign.check(path + "lab/tree/x.ipynb", null, true, now);
    }
}
