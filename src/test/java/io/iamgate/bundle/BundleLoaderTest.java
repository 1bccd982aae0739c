package io.iamgate.bundle;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.eval.Decision;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.Severity;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class BundleLoaderTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());
    static final String OWNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Owner\",\"Effect\":\"Allow\","
            + "\"Action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"sagemaker:ResourceTag/owner\":\"${aws:userid}\"}}}]}";
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";

    public static Map<String, String> valid() {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/owner.json", OWNER);
        f.put("policies/boundary.json", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\"}}");
        f.put("guardrails/deny-delete.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"sagemaker:Delete*\",\"Resource\":\"*\"}]}");
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner]\n    permissionsBoundary: boundary\n"
                + "users:\n  - name: u\n    id: AIDAU\n    policies: []\n    tags: {owner: u}\n");
        f.put("resources.yaml", "- arn: " + NB + "a\n  tags: {owner: \"AROADS:alice\"}\n- arn: " + NB + "b\n  tags: {owner: \"AROADS:bob\"}\n");
        return f;
    }

    static LoadResult load(Map<String, String> files, boolean strict) {
        return new BundleLoader(V, strict).load(new BundleFiles("test", files));
    }

    static Decision decide(Bundle b, String principal, String action, String resource) {
        return new Authorizer().authorize(b, new AuthorizeRequest(principal, Map.of(), action, resource, RequestContext.EMPTY), Instant.now(), false)
                .result().decision();
    }

    @Test
    void validBundleLoadsAndDecides() {
        LoadResult r = load(valid(), false);
        assertTrue(r.accepted(), () -> r.findings().toString());
        Bundle b = r.bundle();
        assertEquals("r1", b.revision());
        assertEquals("111122223333", b.account());
        assertEquals(2, b.policies().size());
        assertEquals(1, b.guardrails().size());
        String alice = "arn:aws:sts::111122223333:assumed-role/DS/alice";
        assertEquals(Decision.ALLOW, decide(b, alice, "sagemaker:CreatePresignedNotebookInstanceUrl", NB + "a"));
        assertEquals(Decision.IMPLICIT_DENY, decide(b, alice, "sagemaker:CreatePresignedNotebookInstanceUrl", NB + "b"));
        assertEquals(Decision.IMPLICIT_DENY, decide(b, "arn:aws:iam::111122223333:user/u", "sagemaker:CreatePresignedNotebookInstanceUrl", NB + "a"));
    }

    @Test
    void revisionIsAContentHashWithoutManifest() {
        Map<String, String> f = valid();
        f.remove("iamgate-bundle.yaml");
        String r1 = load(f, false).bundle().revision();
        assertTrue(r1.startsWith("sha256:"), r1);
        assertEquals(r1, load(f, false).bundle().revision());
        f.put("policies/owner.json", OWNER.replace("Owner", "Owner2"));
        assertFalse(r1.equals(load(f, false).bundle().revision()));
    }

    static void refused(Map<String, String> files, String file, String code) {
        LoadResult r = load(files, false);
        assertFalse(r.accepted(), "should be refused: " + code);
        assertNull(r.bundle());
        assertTrue(r.findings().stream().anyMatch(f -> f.file().equals(file) && f.finding().code().equals(code) && f.finding().line() > 0),
                () -> code + " in " + file + " not among " + r.findings().stream().map(FileFinding::format).toList());
    }

    @Test
    void everyUnevaluableDefectRefusesTheBundleWithItsPosition() {
        Map<String, String> f = valid();
        f.put("policies/owner.json", OWNER.replace("\"Effect\":\"Allow\",", "\"Effect\":\"Allow\""));
        refused(f, "policies/owner.json", "JSON_SYNTAX_ERROR");
        f = valid();
        f.put("policies/owner.json", OWNER.replace("StringEquals", "StringEqualz"));
        refused(f, "policies/owner.json", "INVALID_CONDITION_OPERATOR");
        f = valid();
        f.put("guardrails/deny-delete.json", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/40\"}}}}");
        refused(f, "guardrails/deny-delete.json", "TYPE_MISMATCH_IP_RANGE");
        f = valid();
        f.put("policies/owner.json", OWNER.replace("\"Effect\":\"Allow\",", ""));
        refused(f, "policies/owner.json", "MISSING_EFFECT");
        f = valid();
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner, nope]\n");
        refused(f, "principals.yaml", "UNKNOWN_POLICY");
        f = valid();
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policy: [owner]\n");
        refused(f, "principals.yaml", "UNKNOWN_FIELD");
        f = valid();
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: X\n  - name: DS\n    id: Y\n");
        refused(f, "principals.yaml", "DUPLICATE_PRINCIPAL");
        f = valid();
        f.put("principals.yaml", "roles: [name: DS\n");
        refused(f, "principals.yaml", "YAML_SYNTAX_ERROR");
        f = valid();
        f.put("resources.yaml", "- arn: not-an-arn\n");
        refused(f, "resources.yaml", "INVALID_ARN");
        f = valid();
        f.remove("resources.yaml");
        f.put("resources.jsonl", "{\"arn\":\"" + NB + "a\",\"tags\":{}}\n{\"arn\":\"" + NB + "a\",\"tags\":{}}\n");
        refused(f, "resources.jsonl", "DUPLICATE_RESOURCE");
        f = valid();
        f.put("iamgate-bundle.yaml", "account: 1234\n");
        refused(f, "iamgate-bundle.yaml", "INVALID_ACCOUNT");
        f = valid();
        f.put("policies/owner.json", OWNER.replace("\"Effect\"", "\"Principal\":\"*\",\"Effect\""));
        refused(f, "policies/owner.json", "UNSUPPORTED_PRINCIPAL");
    }

    @Test
    void allFindingsAreListedNotJustTheFirst() {
        Map<String, String> f = valid();
        f.put("policies/owner.json", OWNER.replace("StringEquals", "StringEqualz"));
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [nope]\n");
        LoadResult r = load(f, false);
        assertEquals(List.of("policies/owner.json", "principals.yaml"),
                r.findings().stream().filter(x -> x.finding().blocking()).map(FileFinding::file).sorted().toList());
    }

    @Test
    void strictRefusesOnAnyErrorOtherwiseFindingsAreReported() {
        Map<String, String> f = valid();
        f.put("policies/owner.json", OWNER.replace("sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:CreatePresignedNotebookInstanceURL2"));
        LoadResult lenient = load(f, false);
        assertTrue(lenient.accepted());
        assertTrue(lenient.bundle().findings().stream().anyMatch(x -> x.finding().code().equals("INVALID_ACTION")
                && x.finding().severity() == Severity.ERROR));
        LoadResult strict = load(f, true);
        assertFalse(strict.accepted());
        assertTrue(strict.refusal().contains("strict"));
    }

    @Test
    void directoryAndTarGzSources(@TempDir Path dir) throws Exception {
        Map<String, String> files = valid();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve("b").resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        Files.writeString(dir.resolve("b/.hidden"), "ignored");
        LoadResult fromDir = new BundleLoader(V, false).load(BundleSource.of(dir.resolve("b").toString()));
        assertTrue(fromDir.accepted(), () -> fromDir.findings().toString());
        Map<String, String> prefixed = new HashMap<>();
        files.forEach((k, v) -> prefixed.put("bundle/" + k, v));
        Path tgz = dir.resolve("b.tar.gz");
        Files.write(tgz, BundleSource.tarGz(prefixed));
        LoadResult fromTar = new BundleLoader(V, false).load(BundleSource.of(tgz.toString()));
        assertTrue(fromTar.accepted(), () -> fromTar.findings().toString());
        assertEquals(fromDir.bundle().revision(), fromTar.bundle().revision());
        LoadResult missing = new BundleLoader(V, false).load(BundleSource.of(dir.resolve("nope").toString()));
        assertFalse(missing.accepted());
        assertEquals("BUNDLE_UNREADABLE", missing.findings().get(0).finding().code());
        Files.write(dir.resolve("bad.tar.gz"), new byte[] {1, 2, 3});
        assertFalse(new BundleLoader(V, false).load(BundleSource.of(dir.resolve("bad.tar.gz").toString())).accepted());
    }

    @Test
    void unsafeArchivePathsAreRefused(@TempDir Path dir) throws Exception {
        Path tgz = dir.resolve("evil.tar.gz");
        Files.write(tgz, BundleSource.tarGz(Map.of("../../etc/passwd", "x")));
        LoadResult r = new BundleLoader(V, false).load(BundleSource.of(tgz.toString()));
        assertFalse(r.accepted());
        assertTrue(r.findings().get(0).finding().message().contains("unsafe path"));
    }

    @Test
    void hundredThousandResourceInventoryLoads() {
        Map<String, String> f = valid();
        f.remove("resources.yaml");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append("{\"arn\":\"").append(NB).append("nb-").append(i).append("\",\"tags\":{\"owner\":\"AROADS:user").append(i % 5000)
                    .append("\",\"team\":\"t").append(i % 40).append("\"}}\n");
        }
        f.put("resources.jsonl", sb.toString());
        long t0 = System.nanoTime();
        LoadResult r = load(f, false);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.accepted(), () -> r.findings().toString());
        assertEquals(100_000, r.bundle().resourceTags().size());
        assertNotNull(r.bundle().resourceTags().get(NB + "nb-99999"));
        System.out.println("100,000-resource bundle loaded in " + ms + " ms (" + sb.length() / 1024 + " KiB of JSONL)");
        String u7 = "arn:aws:sts::111122223333:assumed-role/DS/user7";
        assertEquals(Decision.ALLOW, decide(r.bundle(), u7, "sagemaker:CreatePresignedNotebookInstanceUrl", NB + "nb-5007"));
        assertEquals(Decision.IMPLICIT_DENY, decide(r.bundle(), u7, "sagemaker:CreatePresignedNotebookInstanceUrl", NB + "nb-5008"));
    }

    /**
     * The build-time validation of the embedded demo bundle: the sidecar loads it with
     * {@link BundleLoader#VALIDATED_AT_BUILD_TIME}, so a full validation here must find nothing at all.
     */
    @Test
    void theEmbeddedDemoBundleValidatesWithoutAnyFinding() {
        LoadResult r = new BundleLoader(V, true).load(BundleSource.of("classpath:demo-bundle"));
        assertTrue(r.accepted(), () -> r.findings().toString());
        assertEquals("demo-1", r.bundle().revision());
        assertEquals(List.of(), r.findings());
        LoadResult skipped = new BundleLoader(BundleLoader.VALIDATED_AT_BUILD_TIME, true).load(BundleSource.of("classpath:demo-bundle"));
        assertEquals(r.bundle().policies().keySet(), skipped.bundle().policies().keySet());
        assertEquals(r.bundle().roles().keySet(), skipped.bundle().roles().keySet());
        assertEquals(Decision.ALLOW, decide(skipped.bundle(), "arn:aws:sts::111122223333:assumed-role/DataScientist/alice",
                "sagemaker:CreatePresignedNotebookInstanceUrl", NB + "alice-nb"));
    }

    /** Without a validator the validation checks do not run; what makes a bundle unevaluable still refuses it. */
    @Test
    void aBundleValidatedAtBuildTimeSkipsOnlyTheValidationChecks() {
        Map<String, String> f = valid();
        f.put("policies/owner.json", OWNER.replace("sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:CreatePresignedNotebookInstanceURL2"));
        assertFalse(load(f, true).accepted());
        LoadResult skipped = new BundleLoader(BundleLoader.VALIDATED_AT_BUILD_TIME, true).load(new BundleFiles("test", f));
        assertTrue(skipped.accepted(), () -> skipped.findings().toString());
        assertEquals(List.of(), skipped.findings());
        f.put("policies/owner.json", OWNER.replace("StringEquals", "StringEqualz"));
        LoadResult blocked = new BundleLoader(BundleLoader.VALIDATED_AT_BUILD_TIME, false).load(new BundleFiles("test", f));
        assertFalse(blocked.accepted());
        assertTrue(blocked.findings().stream().anyMatch(x -> x.finding().blocking() && x.file().equals("policies/owner.json")), blocked.findings()::toString);
    }
}
