package io.iamgate.compile;

import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.PolicyParser;

import java.util.ArrayList;
import java.util.List;

/** Generates random, valid policy sets and requests in the SageMaker domain, for differential tests. */
final class RandomPolicies extends io.iamgate.policy.RandomPolicyText {
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";
    static final String[] ACTIONS = {"sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:StartNotebookInstance",
            "sagemaker:StopNotebookInstance", "sagemaker:DescribeNotebookInstance", "sagemaker:ListDomains",
            "sagemaker:CreatePresignedDomainUrl", "sagemaker:CreateTrainingJob", "s3:GetObject", "s3:PutObject", "iam:PassRole", "ec2:RunInstances"};
    static final String[] ACTION_PATTERNS = {"sagemaker:*", "sagemaker:Create*", "sagemaker:?tartNotebookInstance", "*", "s3:*",
            "*:Get*", "SageMaker:describe*", "sagemaker:*Notebook*", "iam:Pass*", "SAGEMAKER:LISTDOMAINS", "s?:PutObject"};
    static final String[] RESOURCES = {NB + "alice-nb", NB + "bob-nb", NB + "team-vision-01", "*", "arn:aws:s3:::bucket/vision/x.csv",
            "arn:aws:iam::111122223333:role/SageMakerTrainingExecutionRole", "arn:aws:sagemaker:us-east-1:111122223333:user-profile/d-demo/alice"};
    static final String[] RESOURCE_PATTERNS = {"*", NB + "*", "arn:aws:sagemaker:*:111122223333:notebook-instance/*", NB + "${aws:username}-*",
            "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*", NB + "a?ice-nb", NB + "alice-nb", "arn:aws:sagemaker:us-east-1:*:*",
            "arn:aws:iam::*:role/SageMaker*", NB + "${aws:PrincipalTag/team, 'team'}-*", "arn:*", "arn:aws:*:*:*:*",
            "arn:aws:sage*:us-east-1:111122223333:*", "arn:aws:s?:::bucket/*"};
    static final String[] STRING_KEYS = {"aws:userid", "aws:username", "aws:PrincipalTag/team", "sagemaker:ResourceTag/owner",
            "aws:ResourceTag/owner", "iam:PassedToService", "aws:RequestTag/project", "AWS:UserID"};
    static final String[] STRING_VALUES = {"alice", "bob", "vision", "AROADATA:alice", "AROADATA:bob", "sagemaker.amazonaws.com",
            "${aws:userid}", "${aws:username}", "a*", "*:alice", "?ob", "${aws:PrincipalTag/team}", "VISION", "${*}", "p1"};
    static final String[] MULTI_VALUES = {"owner", "team", "project", "ml.t3.medium", "ml.p3.2xlarge", "Owner"};

    RandomPolicies(long seed) {
        super(seed, ACTIONS, ACTION_PATTERNS, RESOURCE_PATTERNS, 3, 10, 4);
    }

    /** Always a JSON array. */
    @Override
    protected String values(String[] a, int max) {
        int n = 1 + r.nextInt(max);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(pick(a)).append('"');
        }
        return sb.append(']').toString();
    }

    @Override
    protected String condition() {
        String q = switch (r.nextInt(6)) {
            case 0 -> "ForAnyValue:";
            case 1 -> "ForAllValues:";
            default -> "";
        };
        String ifx = r.nextInt(5) == 0 ? "IfExists" : "";
        return switch (r.nextInt(9)) {
            case 0, 1, 2 -> {
                String op = pick(new String[] {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
                        "StringLike", "StringNotLike"});
                boolean multi = !q.isEmpty() || r.nextInt(8) == 0;
                yield "\"" + q + op + ifx + "\":{\"" + (multi ? pick(new String[] {"aws:TagKeys", "sagemaker:InstanceTypes"}) : pick(STRING_KEYS))
                        + "\":" + values(multi ? MULTI_VALUES : STRING_VALUES, 3) + "}";
            }
            case 3 -> "\"" + pick(new String[] {"NumericLessThan", "NumericGreaterThanEquals", "NumericEquals", "NumericNotEquals"}) + ifx
                    + "\":{\"sagemaker:MaxRuntimeInSeconds\":" + values(new String[] {"3600", "1800.5", "86400", "0"}, 2) + "}";
            case 4 -> "\"" + pick(new String[] {"DateLessThan", "DateGreaterThan", "DateEquals", "DateNotEquals"}) + ifx
                    + "\":{\"aws:CurrentTime\":" + values(new String[] {"2026-12-01T00:00:00Z", "1767225600", "2026-11-22T10:00:00+01:00"}, 2) + "}";
            case 5 -> "\"Bool" + ifx + "\":{\"aws:SecureTransport\":\"" + (r.nextBoolean() ? "true" : "false") + "\"}";
            case 6 -> "\"" + (r.nextBoolean() ? "IpAddress" : "NotIpAddress") + ifx + "\":{\"aws:SourceIp\":"
                    + values(new String[] {"10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32", "203.0.113.7"}, 2) + "}";
            case 7 -> "\"" + pick(new String[] {"ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals"}) + ifx + "\":{\"aws:PrincipalArn\":"
                    + values(new String[] {"arn:aws:iam::111122223333:role/Data*", "arn:aws:iam::*:user/${aws:username}",
                    "arn:aws:iam::111122223333:role/DataScientist"}, 2) + "}";
            default -> "\"" + q + "Null\":{\"" + (q.isEmpty() || r.nextBoolean() ? pick(STRING_KEYS) : pick(new String[] {"aws:TagKeys", "sagemaker:InstanceTypes"}))
                    + "\":" + (r.nextInt(4) == 0 ? "[\"true\",\"false\"]" : "\"" + r.nextBoolean() + "\"") + "}";
        };
    }

    PolicySet policySet(PolicyParser parser) throws Exception {
        List<NamedPolicy> identity = new ArrayList<>();
        List<NamedPolicy> boundary = new ArrayList<>();
        List<NamedPolicy> guardrails = new ArrayList<>();
        int ni = 1 + r.nextInt(3);
        for (int i = 0; i < ni; i++) {
            identity.add(new NamedPolicy("identity-" + i, PolicyType.IDENTITY, parser.parse(policy())));
        }
        if (r.nextInt(4) == 0) {
            boundary.add(new NamedPolicy("boundary", PolicyType.PERMISSIONS_BOUNDARY, parser.parse(policy())));
        }
        if (r.nextInt(4) == 0) {
            for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
                guardrails.add(new NamedPolicy("guardrail-" + i, PolicyType.GUARDRAIL, parser.parse(policy())));
            }
        }
        return new PolicySet(identity, boundary, guardrails);
    }

    RequestContext context() {
        RequestContext.Builder b = RequestContext.builder();
        String user = r.nextBoolean() ? "alice" : "bob";
        if (r.nextInt(5) > 0) {
            b.put("aws:userid", r.nextBoolean() ? "AROADATA:" + user : user);
        }
        if (r.nextBoolean()) {
            b.put("aws:username", r.nextInt(10) == 0 ? "a*" : user);
        }
        if (r.nextBoolean()) {
            b.put("aws:PrincipalTag/team", r.nextBoolean() ? "vision" : "VISION");
        }
        if (r.nextBoolean()) {
            String owner = pick(new String[] {"AROADATA:alice", "AROADATA:bob", "alice", "*:alice"});
            b.put("sagemaker:ResourceTag/owner", owner);
            b.put("aws:ResourceTag/owner", owner);
        }
        if (r.nextBoolean()) {
            b.put("iam:PassedToService", r.nextBoolean() ? "sagemaker.amazonaws.com" : "ec2.amazonaws.com");
        }
        if (r.nextBoolean()) {
            b.put("aws:PrincipalArn", pick(new String[] {"arn:aws:iam::111122223333:role/DataScientist", "arn:aws:iam::111122223333:user/bob",
                    "arn:aws:iam::999999999999:role/Admin", "DataScientist", "arn:aws:iam::111122223333"}));
        }
        if (r.nextBoolean()) {
            b.put("aws:SourceIp", pick(new String[] {"10.1.2.3", "192.0.2.44", "2001:db8::1", "203.0.113.7", "198.51.100.1"}));
        }
        if (r.nextBoolean()) {
            b.put("aws:SecureTransport", pick(new String[] {"true", "false", "TRUE", "yes", ""}));
        }
        if (r.nextBoolean()) {
            b.put("aws:CurrentTime", pick(new String[] {"2026-11-22T10:00:00Z", "2027-01-01T00:00:00Z", "2026-11-22T09:00:00Z"}));
        }
        if (r.nextBoolean()) {
            b.put("sagemaker:MaxRuntimeInSeconds", pick(new String[] {"3600", "1800.5", "100000", "60"}));
        }
        if (r.nextInt(3) == 0) {
            int n = r.nextInt(4);
            List<String> v = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                v.add(pick(MULTI_VALUES));
            }
            b.putAll(r.nextBoolean() ? "aws:TagKeys" : "sagemaker:InstanceTypes", v);
        }
        if (r.nextInt(4) == 0) {
            b.put("aws:RequestTag/project", "p1");
        }
        return b.build();
    }

    String action() {
        String a = pick(ACTIONS);
        return r.nextInt(10) == 0 ? a.toLowerCase() : a;
    }

    String resource() {
        return r.nextInt(15) == 0 ? NB + (r.nextBoolean() ? "alice" : "bob") + "-x1" : pick(RESOURCES);
    }
}
