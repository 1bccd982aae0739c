package io.iamgate.policytest;

import java.util.Map;
import java.util.TreeMap;

/** A small bundle with an identity policy, a permissions boundary and guardrails, for policy-test tests. */
final class PolicyTestFixtures {
    private PolicyTestFixtures() {
    }

    static Map<String, String> bundle() {
        Map<String, String> f = new TreeMap<>();
        f.put("iamgate-bundle.yaml", "revision: t-1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/sagemaker-all.json", """
                {"Version": "2012-10-17", "Statement": [{"Sid": "All", "Effect": "Allow", "Action": "sagemaker:*", "Resource": "*"}]}""");
        f.put("policies/notebooks-only.json", """
                {"Version": "2012-10-17", "Statement": [{"Sid": "Notebooks", "Effect": "Allow", "Action": "sagemaker:*NotebookInstance*", "Resource": "*"}]}""");
        f.put("guardrails/no-deletes.json", """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Sid": "NoDeletes", "Effect": "Deny", "Action": "sagemaker:Delete*", "Resource": "*"},
                  {"Sid": "NoTrainingAfter2030", "Effect": "Deny", "Action": "sagemaker:CreateTrainingJob", "Resource": "*",
                   "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}]}""");
        f.put("principals.yaml", """
                roles:
                  - name: Dev
                    id: AROADEVELOPER0000001
                    policies: [sagemaker-all]
                    permissionsBoundary: notebooks-only
                users:
                  - name: ops
                    id: AIDAOPSEXAMPLE000001
                    policies: [sagemaker-all]
                """);
        f.put("resources.yaml", """
                - arn: arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb1
                  tags: {owner: "AROADEVELOPER0000001:dev"}
                """);
        return f;
    }

    static final String DEV = "arn:aws:sts::111122223333:assumed-role/Dev/dev";
    static final String OPS = "arn:aws:iam::111122223333:user/ops";
    static final String NB1 = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb1";

    /** Five cases that pass and three that fail, against {@link #bundle()}. */
    static final String MIXED = """
            name: mixed
            time: "2026-01-01T00:00:00Z"
            tests:
              - name: dev starts nb1
                principal: %1$s
                action: sagemaker:StartNotebookInstance
                resource: %3$s
                expect: ALLOW
                matched: [sagemaker-all]
              - name: the boundary stops dev's training jobs
                principal: %1$s
                action: sagemaker:CreateTrainingJob
                expect: IMPLICIT_DENY
              - name: the guardrail denies deletes
                principal: %2$s
                action: sagemaker:DeleteNotebookInstance
                resource: %3$s
                expect: EXPLICIT_DENY
                matched: [no-deletes]
              - name: ops trains in 2026
                principal: %2$s
                action: sagemaker:CreateTrainingJob
                expect: ALLOW
              - name: ops may not train after 2030
                principal: %2$s
                action: sagemaker:CreateTrainingJob
                time: "2031-06-01T00:00:00Z"
                expect: DENY
              - name: wrong expectation
                principal: %2$s
                action: sagemaker:DeleteNotebookInstance
                resource: %3$s
                expect: ALLOW
              - name: wrong matched policy
                principal: %2$s
                action: sagemaker:StartNotebookInstance
                resource: %3$s
                expect: ALLOW
                matched: [sagemaker-all, notebooks-only]
              - name: spoofed inventory tag
                principal: %1$s
                action: sagemaker:StartNotebookInstance
                resource: %3$s
                context: {sagemaker:ResourceTag/owner: "AROADEVELOPER0000001:dev"}
                expect: ALLOW
            """.formatted(DEV, OPS, NB1);
}
