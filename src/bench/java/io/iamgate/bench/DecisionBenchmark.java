package io.iamgate.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.authz.Caller;
import io.iamgate.authz.DecisionKey;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.compile.CompiledPlan;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.tools.gen.SyntheticBundle;
import io.iamgate.tools.gen.SyntheticRequests;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One decision, three ways: compile-then-decide (what /v1/simulate does per request body), the compiled plan (the sidecar's path: caller
 * memo, layered context, plan), and the decision cache (key + Caffeine lookup). Bundles: the demo
 * bundle; a generated bundle of 10,000 principals and 100,000 notebooks; AmazonSageMakerFullAccess
 * plus deny guardrails. Requests are Zipf-distributed over callers and resources.
 * Run with {@code -prof gc} for allocation per decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

    @Param({"demo", "10k-100k", "fullaccess"})
    public String bundle;

    Bundle b;
    AuthorizeRequest[] requests;
    Authorizer authorizer = new Authorizer();
    Cache<DecisionKey, EvaluationResult> cache;
    Instant now = Instant.now();
    int i;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        String location = switch (bundle) {
            case "demo" -> "classpath:demo-bundle";
            case "10k-100k" -> {
                Path dir = Files.createTempDirectory("iamgate-bench");
                SyntheticBundle.write(dir, 10_000, 100_000, 1);
                yield dir.toString();
            }
            default -> fullAccess().toString();
        };
        b = new BundleLoader(new PolicyValidator(ServiceReference.get()), false).load(BundleSource.of(location)).bundle();
        SyntheticRequests gen = new SyntheticRequests(b, 11);
        requests = new AuthorizeRequest[65_536];
        for (int k = 0; k < requests.length; k++) {
            requests[k] = gen.next().request();
        }
        cache = Caffeine.newBuilder().maximumSize(100_000).build();
        for (AuthorizeRequest r : requests) {
            DecisionKey key = DecisionKey.of(b, r);
            if (key != null) {
                cache.put(key, authorizer.authorize(b, r, now, false).result());
            }
        }
    }

    /** The demo bundle's principals with AmazonSageMakerFullAccess attached, under two deny guardrails. */
    static Path fullAccess() throws Exception {
        Path dir = Files.createTempDirectory("iamgate-bench-fa");
        SyntheticBundle.write(dir, 1_000, 10_000, 3);
        Path managed = Path.of("../shared/data/aws-managed-policies/sagemaker/AmazonSageMakerFullAccess.json");
        String doc = Files.exists(managed) ? Files.readString(managed)
                : new String(DecisionBenchmark.class.getClassLoader().getResourceAsStream("demo-bundle/policies/sagemaker-console-read.json").readAllBytes());
        Files.writeString(dir.resolve("policies/sagemaker-console-read.json"), doc);
        Files.writeString(dir.resolve("guardrails/deny-risky.json"), """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Effect": "Deny", "Action": ["sagemaker:CreateDomain", "sagemaker:DeleteDomain", "iam:*"], "Resource": "*"},
                  {"Effect": "Deny", "NotAction": ["sagemaker:*", "s3:*", "ecr:*", "logs:*", "cloudwatch:*", "kms:Decrypt"], "Resource": "*",
                   "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}}]}
                """);
        return dir;
    }

    private AuthorizeRequest next() {
        return requests[i++ & (requests.length - 1)];
    }

    @Benchmark
    public EvaluationResult compileAndDecide() {
        AuthorizeRequest r = next();
        Caller c = Caller.resolve(b, r.principalArn(), r.sessionTags());
        CompiledPlan plan = io.iamgate.compile.PlanCompiler.compile(c.plan().policies());
        return plan.evaluate(r.action(), r.resource(), authorizer.context(b, r, now), false);
    }

    @Benchmark
    public EvaluationResult compiled() {
        return authorizer.authorize(b, next(), now, false).result();
    }

    @Benchmark
    public EvaluationResult cached() {
        AuthorizeRequest r = next();
        DecisionKey key = DecisionKey.of(b, r);
        EvaluationResult hit = key == null ? null : cache.getIfPresent(key);
        return hit != null ? hit : authorizer.authorize(b, r, now, false).result();
    }
}
