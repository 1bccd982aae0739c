package io.iamgate.validate;

import io.iamgate.policy.PolicyType;
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
        return V.validate(policy, PolicyType.IDENTITY);
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
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"an hour\"}}"), "TYPE_MISMATCH_NUMBER", Severity.WARNING);
        assertTrue(find(of(stmt(ALLOW_ALL + ",\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"an hour\"}}")), "TYPE_MISMATCH_NUMBER").blocking(),
                "a WARNING that iamgate cannot evaluate still blocks");
    }

    @Test
    void aPrincipalMakesAutoARoleTrustPolicy() {
        Finding f = find(V.validate(stmt("\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":\"*\""), PolicyType.AUTO),
                "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL");
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(V.validate(stmt(ALLOW_ALL + ",\"Principal\":\"*\""), PolicyType.RESOURCE).stream().noneMatch(x -> x.code().equals("UNSUPPORTED_PRINCIPAL")));
    }

    @Test
    void actionsAgainstTheServiceReference() {
        Finding typo = find(of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:CreatePresignedNotebookInstanceURLs\",\"Resource\":\"*\"")), "INVALID_ACTION");
        assertEquals(Severity.ERROR, typo.severity());
        assertTrue(typo.hint().contains("sagemaker:CreatePresignedNotebookInstanceUrl"), typo.hint());
        Finding svc = find(of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemakr:ListDomains\",\"Resource\":\"*\"")), "INVALID_SERVICE_IN_ACTION");
        assertTrue(svc.hint().contains("sagemaker:ListDomains"), svc.hint());
        Finding none = find(of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:Frobnicate*\",\"Resource\":\"*\"")), "INVALID_ACTION");
        assertTrue(none.message().contains("matches no action"));
        // Access Analyzer's UNSUPPORTED_RESOURCE_ARN_IN_POLICY is a resource-policy check: nothing for an identity policy
        assertEquals(List.of(), of(stmt("\"Effect\":\"Allow\",\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"arn:aws:ecr:us-east-1:111122223333:repository/x\"")));
    }

    @Test
    void arnShapes() {
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3::111122223333:bucket/*\""), "ARN_ACCOUNT_NOT_ALLOWED", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:us-east-1::bucket\""), "ARN_REGION_NOT_ALLOWED", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:DescribeDomain\",\"Resource\":\"arn:aws:sagemaker:us-east-1:1111:domain/d\""), "INVALID_ARN_ACCOUNT", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"<KEY_ARN>\""), "MISSING_ARN_FIELD", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"ARN:aws:kms:us-east-1:111122223333:key/k\""), "INVALID_ARN_PREFIX", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"arn:aws:kms:key\""), "MISSING_ARN_FIELD", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:*:*:*:*\""), "WILDCARD_IN_SERVICE_NAME", Severity.SUGGESTION);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3*:::bucket/*\""), "WILDCARD_IN_SERVICE_NAME", Severity.SUGGESTION);
        expect(stmt("\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"NotResource\":\"arn:aws:s?:::bucket/*\""), "WILDCARD_IN_SERVICE_NAME", Severity.SUGGESTION);
        // where "matches nothing" widens access it stays an ERROR (strict bundles refuse it, validate exits 1): a Deny
        // whose Resource matches nothing denies nothing, an Allow whose NotResource excludes nothing allows every resource
        expect(stmt("\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3*:::secret/*\""), "INVALID_SERVICE", Severity.ERROR);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"NotResource\":\"arn:aws:s3*:::secret/*\""), "INVALID_SERVICE", Severity.ERROR);
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
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"NumericLessThan\":{\"aws:SourceVpc\":\"3\"}}"), "TYPE_MISMATCH", Severity.WARNING);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"aws:SecureTransport\":\"true\"}}"), "TYPE_MISMATCH", Severity.WARNING);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"aws:TagKeys\":\"owner\"}}"), "MISSING_QUALIFIER", Severity.ERROR);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:username\":\"a\"}}"), "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
                Severity.SECURITY_WARNING);
        expect(stmt(ALLOW_ALL + ",\"Condition\":{\"StringEquals\":{\"aws:username\":\"a*\"}}"), "WILDCARD_WITHOUT_LIKE_OPERATOR", Severity.WARNING);
        String read = "\"Effect\":\"Allow\",\"Action\":\"sagemaker:CreateTrainingJob\",\"Resource\":\"*\"";
        assertEquals(List.of(), of(stmt(read + ",\"Condition\":{\"ForAnyValue:StringLike\":{\"sagemaker:InstanceTypes\":\"ml.t3.*\"}}")));
        assertEquals(List.of(), of(stmt("\"Effect\":\"Allow\",\"Action\":\"sagemaker:DescribeDomain\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"sagemaker:ResourceTag/owner\":\"${aws:userid}\"}}")));
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
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\""), "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", Severity.SECURITY_WARNING);
        expect(stmt("\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"Resource\":\"*\""), "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", Severity.SECURITY_WARNING);
        expect(stmt("\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"arn:aws:s3:::secret/*\""), "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", Severity.SECURITY_WARNING);
        // the fix Access Analyzer recommends silences it
        assertEquals(List.of(), of(stmt("\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"iam:PassedToService\":\"sagemaker.amazonaws.com\"}}")));
        List<Finding> g = V.validate(stmt("\"Effect\":\"Allow\",\"Action\":[\"sagemaker:Frobnicate\"],\"Resource\":\"*\""), PolicyType.GUARDRAIL);
        assertEquals(Severity.ERROR, find(g, "INVALID_ACTION").severity());
    }

    @Test
    void policySizeQuota() {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            actions.append(i == 0 ? "" : ",").append("\"sagemaker:DescribeNotebookInstance\"");
        }
        expect(stmt("\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\""), "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", Severity.WARNING);
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
        assertEquals(List.of("1:1498 JSON_SYNTAX_ERROR"), codes(V.validate(Files.readString(dir.resolve("model-hosting-role.json")), PolicyType.AUTO), Severity.ERROR));
        assertEquals(List.of("1:83 JSON_SYNTAX_ERROR"), codes(V.validate(Files.readString(dir.resolve("studio-access-by-owner.json")), PolicyType.AUTO), Severity.ERROR));
        // Sid at policy level, and a Principal in what is loaded as an identity policy
        assertEquals(List.of("1:28 INVALID_POLICY_ELEMENT", "1:101 UNSUPPORTED_PRINCIPAL"),
                codes(V.validate(Files.readString(dir.resolve("vpc-endpoint-s3.json")), PolicyType.IDENTITY), Severity.ERROR));
        // S3 ARNs with an account id
        List<Finding> training = V.validate(Files.readString(dir.resolve("training-job-role.json")), PolicyType.AUTO);
        assertTrue(codes(training, Severity.ERROR).containsAll(List.of("1:868 ARN_ACCOUNT_NOT_ALLOWED", "1:916 ARN_ACCOUNT_NOT_ALLOWED")));
        // ecr:GetAuthorizationToken scoped to repositories: Access Analyzer has no identity-policy check for it
        assertTrue(training.stream().noneMatch(f -> f.code().equals("UNSUPPORTED_RESOURCE_ARN_IN_POLICY")));
    }

    /**
     * The repaired guidance and the SageMaker managed policies: the only ERRORs are the named real
     * defects — actions of retired services the service reference no longer lists (Elastic Inference,
     * whose action the repaired guidance drops,
     * DeepLens, DeepRacer, DeepComposer, IoT 1-Click, Ground Truth synthetic data), a key the reference
     * types as multivalued without a qualifier, and keys the named actions never carry. The counts on
     * all 1,594 managed policies are pinned in ManagedPoliciesTest.
     */
    @Test
    void repairedGuidanceAndSageMakerManagedPoliciesHaveOnlyNamedErrors() throws Exception {
        java.util.Map<String, List<String>> errors = new java.util.TreeMap<>();
        for (String dir : new String[] {"seed-policies/repaired", "managed-policies/sagemaker"}) {
            try (var files = Files.list(resource(dir))) {
                for (Path p : files.filter(f -> !f.getFileName().toString().startsWith("_")).sorted().toList()) {
                    List<String> e = codes(V.validate(Files.readString(p), PolicyType.AUTO), Severity.ERROR);
                    if (!e.isEmpty()) {
                        errors.put(p.getFileName().toString(), e.stream().map(x -> x.substring(x.indexOf(' ') + 1)).distinct().toList());
                    }
                }
            }
        }
        String retired = "INVALID_SERVICE_IN_ACTION";
        assertEquals(java.util.Map.ofEntries(
                java.util.Map.entry("AWSDeepLensServiceRolePolicy.json", List.of(retired)),
                java.util.Map.entry("AWSDeepRacerServiceRolePolicy.json", List.of(retired)),
                java.util.Map.entry("AmazonDataZoneSageMakerEnvironmentRolePermissionsBoundary.json", List.of(retired)),
                java.util.Map.entry("AmazonSageMakerFullAccess.json", List.of(retired)),
                java.util.Map.entry("GroundTruthSyntheticConsoleFullAccess.json", List.of(retired)),
                java.util.Map.entry("GroundTruthSyntheticConsoleReadOnlyAccess.json", List.of(retired)),
                java.util.Map.entry("ReadOnlyAccess.json", List.of(retired)),
                java.util.Map.entry("ResourceGroupsTaggingAPITagUntagSupportedResources.json", List.of(retired)),
                java.util.Map.entry("SageMakerStudioProjectProvisioningRolePolicy.json", List.of("INVALID_SERVICE_PRINCIPAL_FORMAT", "MISSING_QUALIFIER")),  // ops.emr-serverless.amazonaws.com in aws:CalledVia*; events:detail-type
                java.util.Map.entry("SageMakerStudioProjectUserRolePermissionsBoundary.json", List.of("UNSUPPORTED_ACTION_FOR_CONDITION_KEY")),
                java.util.Map.entry("SageMakerStudioProjectUserRolePolicy.json", List.of("UNSUPPORTED_ACTION_FOR_CONDITION_KEY")),
                java.util.Map.entry("SecurityAudit.json", List.of(retired))), errors);
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
