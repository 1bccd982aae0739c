package io.iamgate.attack;

import io.iamgate.api.ValidateResource;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.PolicyType;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/validate} had no bound but the 1 MiB body limit, and the checks were not all linear: one statement
 * with 30,000 condition keys cost 7.5 s of CPU (DUPLICATE_KEYS_WITH_DIFFERENT_CASE compared every pair of keys;
 * MISSING_PAIRED_CONDITION_KEYS and the OIDC trust checks rescanned the conditions per key or per principal), and a
 * 1 MB body of wildcard actions ~1 s and 250 MB of allocation. The checks are one pass now (0.1 s for the 30,000
 * keys), and the endpoint takes documents of at most 131,072 characters (12x AWS's largest policy quota), answering
 * a 400 {@code POLICY_TOO_LARGE} problem with a pointer beyond it; {@code iamgate validate} still reads bundle files up
 * to the bundle's own limit.
 */
class ValidateWorkAttackTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());

    static String conditions(String keys) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{"
                + keys + "}}}]}";
    }

    @Test
    void aDocumentOverTheBoundIsA400ProblemWithAPointer() {
        String keys = IntStream.range(0, 30_000).mapToObj(k -> "\"aws:PrincipalTag/k" + k + "\":\"*a*b*\"").collect(Collectors.joining(","));
        String body = conditions(keys);
        assertTrue(body.length() > ValidateResource.MAX_DOCUMENT_CHARS && body.length() < 1 << 20, "under the HTTP body limit: " + body.length());
        try (Response r = new ValidateResource().validate(body, null)) {
            assertEquals(400, r.getStatus());
            String problem = String.valueOf(r.getEntity());
            assertTrue(problem.contains("POLICY_TOO_LARGE") && problem.contains("\"pointer\":\"\"") && problem.contains("131072"), problem);
        }
        String atTheBound = conditions(" ".repeat(ValidateResource.MAX_DOCUMENT_CHARS - conditions("").length() - 20) + "\"aws:userid\":\"x\"");
        try (Response r = new ValidateResource().validate(atTheBound, null)) {
            assertEquals(200, r.getStatus(), () -> String.valueOf(r.getEntity()));
        }
    }

    @Test
    void duplicateKeysInAnotherCaseAreStillFoundInOnePass() {
        List<Finding> f = V.validate(conditions("\"aws:PrincipalTag/team\":\"a\",\"aws:principaltag/team\":\"b\",\"AWS:PrincipalTag/Team\":\"c\","
                + "\"aws:userid\":\"x\""), PolicyType.IDENTITY);
        List<Finding> dup = f.stream().filter(x -> x.code().equals(IssueCode.DUPLICATE_KEYS_WITH_DIFFERENT_CASE.name())).toList();
        // each later spelling repeats the first (as the pairwise check said)
        assertEquals(2, dup.size(), f.toString());
        assertTrue(dup.get(0).message().startsWith("\"aws:principaltag/team\" repeats \"aws:PrincipalTag/team\""), dup.get(0).message());
        assertTrue(dup.get(1).message().startsWith("\"AWS:PrincipalTag/Team\" repeats \"aws:PrincipalTag/team\""), dup.get(1).message());
        assertTrue(V.validate(conditions("\"aws:PrincipalTag/team\":\"a\",\"aws:userid\":\"x\""), PolicyType.IDENTITY).stream()
                .noneMatch(x -> x.code().equals(IssueCode.DUPLICATE_KEYS_WITH_DIFFERENT_CASE.name())));
    }

    @Test
    void vpcSourceIpWithoutSourceVpcIsReportedOncePerKey() {
        String ip = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{"
                + "\"IpAddress\":{\"aws:VpcSourceIp\":\"10.0.0.0/8\"},\"NotIpAddress\":{\"aws:VpcSourceIp\":\"10.1.0.0/16\"}%s}}]}";
        long n = V.validate(String.format(ip, ""), PolicyType.IDENTITY).stream().filter(x -> x.code().equals(IssueCode.MISSING_PAIRED_CONDITION_KEYS.name())).count();
        assertEquals(2, n);
        n = V.validate(String.format(ip, ",\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1\"}"), PolicyType.IDENTITY).stream()
                .filter(x -> x.code().equals(IssueCode.MISSING_PAIRED_CONDITION_KEYS.name())).count();
        assertEquals(0, n);
    }
}
