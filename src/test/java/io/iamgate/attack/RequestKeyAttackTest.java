package io.iamgate.attack;

import io.iamgate.authz.Decider;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.Decision;
import io.iamgate.eval.ExplainMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Deny guardrails that a caller switches off through the request context of {@code /v1/authorize}
 * (presign, batch, {@code iamgate eval} and policy tests read the context the same way):
 * <ul>
 *   <li>principal keys iamgate does not derive ({@code aws:PrincipalIsAWSService}, {@code aws:PrincipalOrgID},
 *   …) are taken from the caller, so the classic SCP {@code Deny … BoolIfExists aws:PrincipalIsAWSService false}
 *   is lifted by sending {@code "true"};</li>
 *   <li>a single-valued key sent as a one-element JSON list is multivalued, and an operator without a set
 *   qualifier is false against it (README R1), negated ones included: {@code "aws:SourceIp": ["1.2.3.4"]}
 *   lifts {@code Deny NotIpAddress aws:SourceIp 10.0.0.0/8};</li>
 *   <li>a value not of its key's type is false for every typed operator (README R2/R4): typed global keys are
 *   checked, but not ARN-typed global keys ({@code aws:SourceArn}) nor typed service keys
 *   ({@code sagemaker:MaxRuntimeInSeconds} Numeric, {@code sagemaker:VolumeKmsKey} ARN).</li>
 * </ul>
 * Each must be a 400 (like a spoofed {@code aws:userid} or a malformed {@code aws:SourceIp}), never a
 * decision the guardrail did not see. Fixed in {@code authz/AuthorizeInput}, {@code authz/RequestReader} and
 * {@code authz/Caller}.
 */
class RequestKeyAttackTest {
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a";
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DS/alice";
    static final String GUARDRAIL = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":"*","Resource":"*"},
             {"Sid":"OnlyCorporateNetwork","Effect":"Deny","Action":"sagemaker:CreatePresignedNotebookInstanceUrl","Resource":"*",
              "Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
             {"Sid":"NoServicePrincipalsHere","Effect":"Deny","Action":"sagemaker:StartNotebookInstance","Resource":"*",
              "Condition":{"Bool":{"aws:PrincipalIsAWSService":"false"}}},
             {"Sid":"HumansOnly","Effect":"Deny","Action":"sagemaker:StopNotebookInstance","Resource":"*",
              "Condition":{"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}},
             {"Sid":"ShortJobs","Effect":"Deny","Action":"sagemaker:CreateTrainingJob","Resource":"*",
              "Condition":{"NumericGreaterThan":{"sagemaker:MaxRuntimeInSeconds":"86400"}}},
             {"Sid":"OwnKeys","Effect":"Deny","Action":"sagemaker:CreateNotebookInstance","Resource":"*",
              "Condition":{"ArnNotLike":{"sagemaker:VolumeKmsKey":"arn:aws:kms:*:111122223333:key/*"}}},
             {"Sid":"OwnSources","Effect":"Deny","Action":"sagemaker:DescribeNotebookInstance","Resource":"*",
              "Condition":{"ArnNotLike":{"aws:SourceArn":"arn:aws:*:*:111122223333:*"}}},
             {"Sid":"HomeRegion","Effect":"Deny","Action":"sagemaker:ListTags","Resource":"*",
              "Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}
            ]}""";
    static Bundle bundle;

    @BeforeAll
    static void load() {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/all.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\"}]}");
        f.put("guardrails/scp.json", GUARDRAIL);
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [all]\n");
        f.put("resources.yaml", "- arn: " + NB + "\n  tags: {owner: \"AROADS:alice\"}\n");
        bundle = TestBundles.accepted(f);
    }

    static Decider.Answer ask(String action, String context) {
        String body = "{\"principal\":{\"arn\":\"" + ALICE + "\"},\"action\":\"" + action + "\",\"resource\":\"" + NB + "\",\"context\":{" + context + "}}";
        return new Decider(false, null, 100).decide(bundle, body, ExplainMode.OFF, Instant.now());
    }

    static Decision decision(String action, String context) {
        Decider.Answer a = ask(action, context);
        return assertInstanceOf(Decider.Decided.class, a, () -> a.toString()).decision();
    }

    static void refused(String action, String context) {
        Decider.Answer a = ask(action, context);
        assertInstanceOf(Decider.Invalid.class, a, () -> "a 400 for " + context + ", not " + a);
    }

    /** What holds today: each guardrail fires for a well-formed request, and the typed global keys already checked are refused. */
    @Test
    void theGuardrailsFireForWellFormedRequests() {
        assertEquals(Decision.EXPLICIT_DENY, decision("sagemaker:CreatePresignedNotebookInstanceUrl", "\"aws:SourceIp\":\"1.2.3.4\""));
        assertEquals(Decision.ALLOW, decision("sagemaker:CreatePresignedNotebookInstanceUrl", "\"aws:SourceIp\":\"10.1.2.3\""));
        assertEquals(Decision.EXPLICIT_DENY, decision("sagemaker:StopNotebookInstance", ""));
        assertEquals(Decision.EXPLICIT_DENY, decision("sagemaker:CreateTrainingJob", "\"sagemaker:MaxRuntimeInSeconds\":\"999999\""));
        assertEquals(Decision.ALLOW, decision("sagemaker:CreateTrainingJob", "\"sagemaker:MaxRuntimeInSeconds\":\"3600\""));
        assertEquals(Decision.EXPLICIT_DENY, decision("sagemaker:CreateNotebookInstance", "\"sagemaker:VolumeKmsKey\":\"arn:aws:kms:us-east-1:444455556666:key/k\""));
        assertEquals(Decision.ALLOW, decision("sagemaker:CreateNotebookInstance", "\"sagemaker:VolumeKmsKey\":\"arn:aws:kms:us-east-1:111122223333:key/k\""));
        assertEquals(Decision.EXPLICIT_DENY, decision("sagemaker:DescribeNotebookInstance", "\"aws:SourceArn\":\"arn:aws:s3:::other-bucket\""));
        assertEquals(Decision.EXPLICIT_DENY, decision("sagemaker:ListTags", "\"aws:RequestedRegion\":\"eu-west-1\""));
        assertEquals(Decision.ALLOW, decision("sagemaker:ListTags", "\"aws:RequestedRegion\":\"us-east-1\",\"aws:TagKeys\":[\"owner\"]"), "a list for a multivalued key is fine");
        refused("sagemaker:CreatePresignedNotebookInstanceUrl", "\"aws:SourceIp\":\"not-an-ip\"");
        refused("sagemaker:CreatePresignedNotebookInstanceUrl", "\"aws:userid\":\"AROADS:bob\"");
        refused("sagemaker:CreatePresignedNotebookInstanceUrl", "\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/Admin\"");
    }

    @Test
    void principalKeysIamgateDoesNotDeriveCannotBeSent() {
        refused("sagemaker:StopNotebookInstance", "\"aws:PrincipalIsAWSService\":\"true\"");
        refused("sagemaker:StopNotebookInstance", "\"AWS:principalisawsservice\":true");
        refused("sagemaker:StopNotebookInstance", "\"aws:PrincipalOrgID\":\"o-abc\"");
        refused("sagemaker:StopNotebookInstance", "\"aws:PrincipalOrgPaths\":[\"o-abc/r-1/\"]");
        refused("sagemaker:StopNotebookInstance", "\"aws:PrincipalServiceName\":\"sagemaker.amazonaws.com\"");
        refused("sagemaker:StopNotebookInstance", "\"aws:PrincipalServiceNamesList\":[\"sagemaker.amazonaws.com\"]");
        // IAM users and role sessions are not AWS services: the key is present and false (IAM User Guide, global keys)
        assertEquals(Decision.EXPLICIT_DENY, decision("sagemaker:StartNotebookInstance", ""), "Bool aws:PrincipalIsAWSService false fires");
    }

    @Test
    void aSingleValuedKeySentAsAListIsRefused() {
        refused("sagemaker:CreatePresignedNotebookInstanceUrl", "\"aws:SourceIp\":[\"1.2.3.4\"]");
        refused("sagemaker:ListTags", "\"aws:RequestedRegion\":[\"eu-west-1\"]");
        refused("sagemaker:CreateTrainingJob", "\"sagemaker:MaxRuntimeInSeconds\":[\"999999\"]");
        refused("sagemaker:CreateNotebookInstance", "\"sagemaker:VolumeKmsKey\":[\"arn:aws:kms:us-east-1:444455556666:key/k\"]");
    }

    @Test
    void aValueNotOfItsKeysTypeIsRefused() {
        refused("sagemaker:CreateTrainingJob", "\"sagemaker:MaxRuntimeInSeconds\":\"999999x\"");
        refused("sagemaker:CreateTrainingJob", "\"sagemaker:MaxRuntimeInSeconds\":\"0x999999\"");
        refused("sagemaker:CreateNotebookInstance", "\"sagemaker:VolumeKmsKey\":\"ARN:aws:kms:us-east-1:444455556666:key/k\"");
        refused("sagemaker:CreateNotebookInstance", "\"sagemaker:VolumeKmsKey\":\" arn:aws:kms:us-east-1:444455556666:key/k\"");
        refused("sagemaker:DescribeNotebookInstance", "\"aws:SourceArn\":\"xarn:aws:s3:::other-bucket\"");
    }
}
