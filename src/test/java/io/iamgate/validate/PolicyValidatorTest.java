package io.iamgate.validate;

import io.iamgate.policy.Finding;
import io.iamgate.policy.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pins each finding on a small policy, and the published guidance's defects with their positions. */
class PolicyValidatorTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());

    static String stmt(String body) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + body + "}]}";
    }

    static List<Finding> of(String policy) {
        return V.validate(policy, PolicyKind.IDENTITY);
    }

    static Finding find(List<Finding> fs, String code) {
        return fs.stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + fs.stream().map(Finding::format).collect(Collectors.joining("; "))));
    }

    static void expect(String policy, String code, Severity severity) {
        Finding f = find(of(policy), code);
        assertEquals(severity, f.severity(), f.format());
        assertNotNull(f.hint(), code + " has a fix hint");
        assertTrue(f.line() > 0 && f.column() > 0, f.format());
    }

    static final String ALLOW_ALL = "\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"";

    @Test
    void cleanPolicyHasNoFindings() {
        assertEquals(List.of(), of(stmt("\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":[\"sagemaker:Describe*\",\"sagemaker:ListDomains\"],\"Resource\":\"*\"")));
    }

    @Test
    void structuralFindingsFromTheParser() {
        expect("{\"Statement\":[{" + ALLOW_ALL + ",}]}", "JSON_SYNTAX_ERROR", Severity.ERROR);
        expect(stmt("\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\""), "INVALID_EFFECT", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Resource\":\"*\""), "MISSING_ACTION", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"NotAction\":\"s3:*\""), "UNSUPPORTED_ELEMENT_COMBINATION", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEqualsAnyCase\":{\"k\":\"v\"}}"), "INVALID_CONDITION_OPERATOR", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"NullIfExists\":{\"aws:SourceIp\":\"true\"}}"), "NULL_WITH_IF_EXISTS", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Principal\":\"*\""), "UNSUPPORTED_PRINCIPAL", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Resources\":\"*\""), "INVALID_POLICY_ELEMENT", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"an hour\"}}"), "DATA_TYPE_MISMATCH", Severity.ERROR);
    }

    @Test
    void principalIsAWarningWhenTheTypeIsLeftToAuto() {
        Finding f = find(V.validate(stmt(ALLOW_ALL + ",\"Principal\":\"*\""), PolicyKind.AUTO), "UNSUPPORTED_PRINCIPAL");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(V.validate(stmt(ALLOW_ALL + ",\"Principal\":\"*\""), PolicyKind.RESOURCE).stream().noneMatch(x -> x.code().equals("UNSUPPORTED_PRINCIPAL")));
    }

    @Test
    void actionsAgainstTheServiceReference() {
        Finding typo = find(of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:CreatePresignedNotebookInstanceURLs\",\"Resource\":\"*\"")), "INVALID_ACTION");
        assertEquals(Severity.ERROR, typo.severity());
        assertTrue(typo.hint().contains("sagemaker:CreatePresignedNotebookInstanceUrl"), typo.hint());
        Finding svc = find(of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemakr:ListDomains\",\"Resource\":\"*\"")), "INVALID_ACTION");
        assertTrue(svc.hint().contains("sagemaker:ListDomains"), svc.hint());
        Finding none = find(of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:Frobnicate*\",\"Resource\":\"*\"")), "INVALID_ACTION");
        assertTrue(none.message().contains("matches no action"));
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"arn:aws:ecr:us-east-1:111122223333:repository/x\""),
                "UNSUPPORTED_RESOURCE_ARN_IN_POLICY", Severity.WARNING);
    }

    @Test
    void arnShapes() {
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3::111122223333:bucket/*\""), "ARN_ACCOUNT_NOT_ALLOWED", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:us-east-1::bucket\""), "ARN_REGION_NOT_ALLOWED", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:DescribeDomain\",\"Resource\":\"arn:aws:sagemaker:us-east-1:1111:domain/d\""), "INVALID_ARN_ACCOUNT", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"<KEY_ARN>\""), "INVALID_ARN_PREFIX", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"arn:aws:kms:key\""), "MISSING_ARN_FIELD", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:*:*:*:*\""), "INVALID_SERVICE", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3*:::bucket/*\""), "INVALID_SERVICE", Severity.ERROR);
        expect(stmt("\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"NotResource\":\"arn:aws:s?:::bucket/*\""), "INVALID_SERVICE", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws::::bucket/*\""), "MISSING_ARN_FIELD", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:S3:::bucket/*\""), "INVALID_ARN_SERVICE_CASE", Severity.ERROR);
        assertTrue(of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:DescribeDomain\",\"Resource\":\"arn:aws:sagemaker:*:*:domain/*\"")).isEmpty(),
                "wildcards outside the service are fine");
        assertTrue(of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:DescribeHub\",\"Resource\":\"arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub\"")).isEmpty(),
                "AWS-owned resources use the account 'aws'");
    }

    @Test
    void conditionKeysAndOperators() {
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"aws:SourceIpp\":\"10.0.0.1\"}}"), "INVALID_GLOBAL_CONDITION_KEY", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"sagemaker:InstanceTypez\":\"ml.t3.medium\"}}"), "INVALID_SERVICE_CONDITION_KEY", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"NumericLessThan\":{\"aws:SourceVpc\":\"3\"}}"), "DATA_TYPE_MISMATCH", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"aws:SecureTransport\":\"true\"}}"), "DATA_TYPE_MISMATCH", Severity.WARNING);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"aws:TagKeys\":\"owner\"}}"), "MISSING_QUALIFIER", Severity.WARNING);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:username\":\"a\"}}"), "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
                Severity.SECURITY_WARNING);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"aws:username\":\"a*\"}}"), "WILDCARD_WITHOUT_LIKE_OPERATOR", Severity.WARNING);
        assertTrue(of(stmt(ALLOW_ALL + ",\"Condition\":{\"ForAnyValue:StringLike\":{\"sagemaker:InstanceTypes\":\"ml.t3.*\"}}")).isEmpty());
        assertTrue(of(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"sagemaker:ResourceTag/owner\":\"${aws:userid}\"}}")).isEmpty());
    }

    @Test
    void sidsVersionsAndVariables() {
        expect("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\"," + ALLOW_ALL + "},{\"Sid\":\"A\"," + ALLOW_ALL + "}]}", "UNIQUE_SIDS_REQUIRED", Severity.ERROR);
        expect(stmt("\"Sid\":\"my sid\"," + ALLOW_ALL), "UNSUPPORTED_SID", Severity.ERROR);
        expect("{\"Statement\":[{" + ALLOW_ALL + "}]}", "MISSING_VERSION", Severity.WARNING);
        expect("{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}/*\"}]}",
                "VARIABLE_UNSUPPORTED_IN_VERSION", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:${aws:username}\",\"Resource\":\"*\""), "VARIABLE_UNSUPPORTED_IN_ELEMENT", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${aws:username/*\""), "MISSING_BRACE_IN_VARIABLE", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/${aws:usernam}/*\""), "INVALID_GLOBAL_CONDITION_KEY", Severity.ERROR);
    }

    @Test
    void securityChecks() {
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\""), "PASS_ROLE_WITH_STAR_IN_RESOURCE", Severity.SECURITY_WARNING);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\""), "PASS_ROLE_WITH_STAR_IN_RESOURCE", Severity.SECURITY_WARNING);
        expect(stmt("\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\""), "ALLOW_WITH_NOT_ACTION", Severity.SECURITY_WARNING);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"arn:aws:s3:::secret/*\""), "ALLOW_WITH_NOT_RESOURCE", Severity.SECURITY_WARNING);
        List<Finding> g = V.validate(stmt("\"Effect\":\"Allow\",\"Action\":[\"sagemaker:Frobnicate\"],\"Resource\":\"*\""), PolicyKind.GUARDRAIL);
        assertEquals(Severity.WARNING, find(g, "STATEMENT_NEVER_MATCHES").severity());
    }

    @Test
    void policySizeQuota() {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            actions.append(i == 0 ? "" : ",").append("\"sagemaker:DescribeNotebookInstance\"");
        }
        expect(stmt("\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\""), "POLICY_SIZE_QUOTA_EXCEEDED", Severity.WARNING);
    }

    static Path resource(String p) throws Exception {
        return Path.of(PolicyValidatorTest.class.getClassLoader().getResource(p).toURI());
    }

    static List<String> codes(List<Finding> fs, Severity s) {
        return fs.stream().filter(f -> f.severity() == s).map(f -> f.line() + ":" + f.column() + " " + f.code()).toList();
    }

    @Test
    void theFivePublishedDefectsWithTheirPositions() throws Exception {
        Path dir = resource("seed-policies/as-published");
        // two documents are not JSON
        assertEquals(List.of("1:1498 JSON_SYNTAX_ERROR"), codes(V.validate(Files.readString(dir.resolve("model-hosting-role.json")), PolicyKind.AUTO), Severity.ERROR));
        assertEquals(List.of("1:83 JSON_SYNTAX_ERROR"), codes(V.validate(Files.readString(dir.resolve("studio-access-by-owner.json")), PolicyKind.AUTO), Severity.ERROR));
        // Sid at policy level, and a Principal in what is loaded as an identity policy
        assertEquals(List.of("1:28 INVALID_POLICY_ELEMENT", "1:101 UNSUPPORTED_PRINCIPAL"),
                codes(V.validate(Files.readString(dir.resolve("vpc-endpoint-s3.json")), PolicyKind.IDENTITY), Severity.ERROR));
        // S3 ARNs with an account id
        List<Finding> training = V.validate(Files.readString(dir.resolve("training-job-role.json")), PolicyKind.AUTO);
        assertTrue(codes(training, Severity.ERROR).containsAll(List.of("1:868 ARN_ACCOUNT_NOT_ALLOWED", "1:916 ARN_ACCOUNT_NOT_ALLOWED")));
        // ecr:GetAuthorizationToken (no resource ARNs) scoped to repositories
        assertTrue(codes(training, Severity.WARNING).contains("1:1043 UNSUPPORTED_RESOURCE_ARN_IN_POLICY"));
        List<Finding> ecr = V.validate(Files.readString(dir.resolve("notebook-execution-role-ecr.json")), PolicyKind.AUTO);
        assertTrue(codes(ecr, Severity.WARNING).contains("1:328 UNSUPPORTED_RESOURCE_ARN_IN_POLICY"));
    }

    @Test
    void repairedGuidanceAndSageMakerManagedPoliciesHaveNoErrors() throws Exception {
        for (String dir : new String[] {"seed-policies/repaired", "managed-policies/sagemaker"}) {
            try (var files = Files.list(resource(dir))) {
                for (Path p : files.filter(f -> !f.getFileName().toString().startsWith("_")).sorted().toList()) {
                    List<String> errors = codes(V.validate(Files.readString(p), PolicyKind.AUTO), Severity.ERROR);
                    assertEquals(List.of(), errors, p.toString());
                }
            }
        }
    }

    @Test
    void everyErrorOnAllManagedPoliciesIsAKnownRealDefect() throws Exception {
        var json = new io.iamgate.json.JsonTreeParser();
        java.util.Map<String, Long> errors = new java.util.TreeMap<>();
        int policies = 0;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(resource("managed-policies/all-latest.jsonl.gz")));
             var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                var o = (io.iamgate.json.JsonNode.Obj) json.parse(line);
                String name = ((io.iamgate.json.JsonNode.Scalar) o.get("name")).text();
                for (Finding f : V.validate(o.get("document"), null, PolicyKind.AUTO)) {
                    if (f.severity() == Severity.ERROR) {
                        errors.merge(name + " " + f.code(), 1L, Long::sum);
                    }
                }
                policies++;
            }
        }
        assertEquals(1594, policies);
        // Each is named in BENCHMARKS.md: actions and keys that the service authorization reference does not list.
        assertEquals(java.util.Map.of(
                "AWSCodeStarFullAccess INVALID_ACTION", 1L,                       // cloud9:ValidateEnvironmentName, retired
                "AWSManagedSettingsAdminAccess INVALID_ACTION", 24L,              // budgets:CreateBudget etc. (IAM uses ModifyBudget/ViewBudget), payments:*, organizations:CreateBuilderIdOwnedAccount
                "AmazonDataZoneGlueManageAccessRolePolicy INVALID_SERVICE_CONDITION_KEY", 1L, // lakeformation:GlueARN
                "AmazonRoute53RecoveryControlConfigReadOnlyAccess INVALID_ACTION", 1L,  // DescribeRoutingControlByName
                "MemoryDBServiceRolePolicy INVALID_ACTION", 1L,                   // memorydb:ReplicateMultiRegionClusterData
                "RDSCloudHsmAuthorizationRole INVALID_ACTION", 7L,                // CloudHSM Classic actions, retired with the service
                "SecurityAgentWebAppAPIPolicy INVALID_ACTION", 17L),              // securityagent:* not in the reference
                errors);
    }

    @Test
    void noFindingWithoutPositionAndPointer() {
        for (Finding f : of("{\"Statement\":{\"Sid\":\"a b\",\"Effect\":\"Allow\",\"Action\":[\"iam:PassRole\",\"s3:Nope\"],\"Resource\":\"*\"}}")) {
            assertTrue(f.line() > 0, f.format());
            assertFalse(f.message().isBlank());
            assertNotNull(f.pointer());
        }
    }
}
