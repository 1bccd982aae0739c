package io.iamgate.oracle;

import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyParseException;
import io.iamgate.policy.PolicyParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Random policy sets and requests biased toward boundaries: for every Numeric and Date comparison the
 * equal value (in several spellings), one below and one above; CIDR first/last/outside addresses;
 * empty strings and empty lists; case variants of keys and values; variables with and without values
 * and defaults, and multivalued keys used as variables; Null, IfExists and both set qualifiers on every
 * family; NotAction/NotResource; wildcard service segments; request values of the wrong type. Policies
 * the parser refuses are skipped (and counted).
 */
final class BoundaryPolicies extends io.iamgate.policy.RandomPolicyText {

    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";

    static final String[] ACTIONS = {"sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:StartNotebookInstance",
            "sagemaker:ListDomains", "sagemaker:CreateTrainingJob", "s3:GetObject", "s3:PutObject", "iam:PassRole", "ec2:RunInstances"};
    static final String[] ACTION_PATTERNS = {"sagemaker:*", "sagemaker:Create*", "sagemaker:?tartNotebookInstance", "*", "s3:*",
            "SageMaker:list*", "sagemaker:*Notebook*", "iam:Pass*", "SAGEMAKER:LISTDOMAINS", "s?:PutObject", "s3:GetObjec?", "ec2:Run*s",
            "*:GetObject", "sagemaker:CreatePresignedNotebookInstanceUrl"};
    static final String[] RESOURCES = {NB + "alice-nb", NB + "bob-nb", NB + "vision-nb", "*", "arn:aws:s3:::bucket/vision/x.csv",
            "arn:aws:s3:::bucket", "arn:aws:iam::111122223333:role/SageMakerRole", "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
            NB + "Alice-nb", NB + "a*-nb", "arn:aws:s3:::bucket/a:b/c"};
    static final String[] RESOURCE_PATTERNS = {"*", NB + "*", "arn:aws:sagemaker:*:111122223333:notebook-instance/*",
            NB + "${aws:username}-nb", NB + "${aws:username}-*", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*",
            NB + "a?ice-nb", NB + "alice-nb", "arn:aws:sagemaker:us-east-1:*:*", "arn:aws:iam::*:role/SageMaker*",
            NB + "${aws:PrincipalTag/team, 'vision'}-*", "arn:aws:*:*:*:*", "arn:aws:s?:::bucket*", "arn:aws:s3:::*",
            "arn:aws:*:us-east-1:111122223333:*", "arn:aws:s3:::bucket/*/c", "arn:aws:s3:::bucket/a:*", NB + "${*}-nb",
            NB + "${aws:TagKeys}-nb", "arn:aws:ec2:*:*:instance/*", "arn:aws:s3:::bucket/${aws:PrincipalTag/missing}/*"};

    // String keys, spelled in several cases; the request uses its own spellings.
    static final String[] STRING_KEYS = {"aws:userid", "aws:username", "aws:PrincipalTag/team", "sagemaker:ResourceTag/owner",
            "aws:RequestTag/project", "AWS:UserID", "aws:principaltag/TEAM", "Sagemaker:resourcetag/Owner"};
    static final String[] STRING_VALUES = {"alice", "bob", "vision", "Vision", "AROADATA:alice", "AROADATA:bob", "", "${aws:userid}",
            "${aws:username}", "a*", "*:alice", "?ob", "${aws:PrincipalTag/team}", "VISION", "${*}", "p1", "${aws:PrincipalTag/missing}",
            "${aws:PrincipalTag/missing, 'vision'}", "${aws:PrincipalTag/team, 'nobody'}", "AROADATA:${aws:username}", "${?}ob", "${$}",
            "${aws:TagKeys}", "${aws:SourceIp}", "al*", "A*", "*"};
    static final String[] MULTI_KEYS = {"aws:TagKeys", "sagemaker:InstanceTypes", "AWS:tagkeys"};
    static final String[] MULTI_VALUES = {"owner", "team", "project", "ml.t3.medium", "ml.p3.2xlarge", "Owner", "ml.*", "", "${aws:username}"};

    static final String[] NUM_POLICY = {"3600", "1800.5", "0", "-1", "86400", "3600.0"};
    static final String[] NUM_REQUEST = {"3600", "3599", "3601", "3600.0", "3600.5", "3599.999", "1800.5", "1800.4", "1800.6", "0", "-0",
            "-1", "-2", "1", "86400", "86401", "86399", "abc", "", "+3600", "1e3", "00", "3,600", " 3600"};
    // 2026-12-01T00:00:00Z is epoch 1796083200.
    static final String[] DATE_POLICY = {"2026-12-01T00:00:00Z", "1796083200", "2026-12-01T01:00:00+01:00", "2026-12-01",
            "2026-11-30T23:59:59Z", "2026-12-01T00:00:01Z"};
    static final String[] DATE_REQUEST = {"2026-12-01T00:00:00Z", "1796083200", "1796083199", "1796083201", "2026-11-30T23:59:59Z",
            "2026-12-01T00:00:01Z", "2026-12-01T00:00:00.000Z", "2026-12-01T00:00:00.001Z", "2026-11-30T23:59:59.999Z",
            "2026-12-01T01:00:00+01:00", "2026-11-30T19:00:00-05:00", "2026-12-01", "garbage", "", "2026-13-01T00:00:00Z",
            "2026-12-01T01:00:00+0100", " 2026-12-01T00:00:00Z", "2026-12-01T00:00Z", "2026-12-01T00:00:00", "2026", "2026-12", "+1796083200",
            "1796083200.5", "2026-12-01t00:00:00z"};
    static final String[] BOOL_REQUEST = {"true", "false", "TRUE", "False", "1", "yes", "", " true"};
    static final String[] IP_POLICY = {"10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32", "203.0.113.7", "0.0.0.0/0", "::/0",
            "203.0.113.7/32", "192.0.2.128/25"};
    static final String[] IP_REQUEST = {"10.0.0.0", "9.255.255.255", "10.255.255.255", "11.0.0.0", "192.0.2.0", "192.0.2.255",
            "192.0.3.0", "192.0.2.127", "192.0.2.128", "2001:db8::1", "2001:db9::", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:DB8::", "203.0.113.7", "203.0.113.8", "203.0.113.6", "not-ip", "", "10.0.0.0/8", "256.1.1.1", " 10.0.0.1",
            "010.0.0.1", "::ffff:10.0.0.1", "::ffff:192.0.2.1", "[2001:db8::1]", "10.1"};
    static final String[] ARN_POLICY = {"arn:aws:iam::111122223333:role/Data*", "arn:aws:iam::*:user/${aws:username}",
            "arn:aws:iam::111122223333:role/DataScientist", "arn:???:iam::*:*", "arn:aws:*:*:*:*", "arn:aws:iam::111122223333:role/a:*",
            "arn:aws:iam::${aws:PrincipalTag/missing}:role/*", "arn:aws:iam::111122223333:role/${aws:PrincipalTag/team, 'vision'}",
            "arn:aws:iam::*", "arn:aws:*:role/DataScientist", "arn:aws:iam:role/*", "ARN:aws:iam::111122223333:role/*"};
    static final String[] ARN_REQUEST = {"arn:aws:iam::111122223333:role/DataScientist", "arn:aws:iam::111122223333:user/alice",
            "arn:aws:iam::999999999999:user/bob", "arn:aws:iam::111122223333:role/a:b", "not-an-arn", "arn:aws:iam::111122223333", "",
            "arn:aws:iam::111122223333:role/vision", "arn:aws:iam::111122223333:role/datascientist",
            "ARN:aws:iam::111122223333:role/x", "arn:aws:iam:::", " arn:aws:iam::111122223333:role/DataScientist"};
    static final String[] BINARY_POLICY = {"aGVsbG8=", "d29ybGQ="};
    static final String[] BINARY_REQUEST = {"aGVsbG8=", "d29ybGQ=", "aGVsbG8", "!!", "", "AGVSBG8=", "aGVsbG8=\n", "aGVs bG8="};

    int refused;

    BoundaryPolicies(long seed) {
        super(seed, ACTIONS, ACTION_PATTERNS, RESOURCE_PATTERNS, 4, 12, 3);
    }

    String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    @Override
    protected String values(String[] a, int max) {
        int n = 1 + r.nextInt(max);
        if (n == 1 && r.nextBoolean()) {
            return json(pick(a));
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(json(pick(a)));
        }
        return sb.append(']').toString();
    }

    String qualifier() {
        return switch (r.nextInt(5)) {
            case 0 -> "ForAnyValue:";
            case 1 -> "ForAllValues:";
            default -> "";
        };
    }

    /** One {@code "Operator": {"key": values}} member. */
    @Override
    protected String condition() {
        String q = qualifier();
        String ifx = r.nextInt(5) == 0 ? "IfExists" : "";
        String op;
        String key;
        String vals;
        switch (r.nextInt(10)) {
            case 0, 1, 2 -> {
                op = pick(new String[] {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
                        "StringLike", "StringNotLike"});
                boolean multi = r.nextInt(3) == 0;
                key = multi ? pick(MULTI_KEYS) : pick(STRING_KEYS);
                vals = values(multi ? MULTI_VALUES : STRING_VALUES, 3);
            }
            case 3 -> {
                op = pick(new String[] {"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
                        "NumericGreaterThan", "NumericGreaterThanEquals"});
                key = pick(new String[] {"sagemaker:MaxRuntimeInSeconds", "SageMaker:maxruntimeinseconds"});
                vals = values(NUM_POLICY, 2);
            }
            case 4 -> {
                op = pick(new String[] {"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
                        "DateGreaterThanEquals"});
                key = pick(new String[] {"aws:CurrentTime", "aws:currenttime"});
                vals = values(DATE_POLICY, 2);
            }
            case 5 -> {
                op = "Bool";
                key = "aws:SecureTransport";
                vals = values(new String[] {"true", "false"}, 2);
            }
            case 6 -> {
                op = r.nextBoolean() ? "IpAddress" : "NotIpAddress";
                key = "aws:SourceIp";
                vals = values(IP_POLICY, 2);
            }
            case 7 -> {
                op = pick(new String[] {"ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals"});
                key = pick(new String[] {"aws:PrincipalArn", "aws:SourceArn"});
                vals = values(ARN_POLICY, 2);
            }
            case 8 -> {
                op = "BinaryEquals";
                key = "custom:Blob";
                vals = values(BINARY_POLICY, 2);
            }
            default -> {
                op = "Null";
                ifx = "";
                key = pick(r.nextBoolean() ? MULTI_KEYS : new String[] {"aws:username", "aws:PrincipalTag/team", "aws:SourceIp",
                        "aws:CurrentTime", "sagemaker:MaxRuntimeInSeconds"});
                vals = values(new String[] {"true", "false"}, 2);
            }
        }
        return json(q + op + ifx) + ":{" + json(key) + ":" + vals + "}";
    }

    PolicyDocument parsed(PolicyParser parser) {
        while (true) {
            String text = policy();
            try {
                return parser.parse(text);
            } catch (PolicyParseException e) {
                refused++;
            }
        }
    }

    PolicySet policySet(PolicyParser parser) {
        List<NamedPolicy> identity = new ArrayList<>();
        List<NamedPolicy> boundary = new ArrayList<>();
        List<NamedPolicy> guardrails = new ArrayList<>();
        int ni = 1 + r.nextInt(2);
        for (int i = 0; i < ni; i++) {
            identity.add(new NamedPolicy("identity-" + i, PolicyType.IDENTITY, parsed(parser)));
        }
        if (r.nextInt(4) == 0) {
            boundary.add(new NamedPolicy("boundary", PolicyType.PERMISSIONS_BOUNDARY, parsed(parser)));
        }
        if (r.nextInt(4) == 0) {
            for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
                guardrails.add(new NamedPolicy("guardrail-" + i, PolicyType.GUARDRAIL, parsed(parser)));
            }
        }
        return new PolicySet(identity, boundary, guardrails);
    }

    /** Puts a key as a single value, or (sometimes) as a list of zero, one or more values. */
    void put(RequestContext.Builder b, String key, String[] domain) {
        int shape = r.nextInt(10);
        if (shape == 0) {
            b.putAll(key, List.of());
        } else if (shape == 1) {
            b.putAll(key, List.of(pick(domain)));
        } else if (shape == 2) {
            b.putAll(key, List.of(pick(domain), pick(domain)));
        } else {
            b.put(key, pick(domain));
        }
    }

    RequestContext context() {
        RequestContext.Builder b = RequestContext.builder();
        String[] users = {"alice", "bob", "Alice", "a*", ""};
        if (r.nextInt(4) > 0) {
            put(b, pick(new String[] {"aws:userid", "AWS:USERID"}), new String[] {"AROADATA:alice", "AROADATA:bob", "alice", "", "AROADATA:*"});
        }
        if (r.nextBoolean()) {
            put(b, "aws:username", users);
        }
        if (r.nextBoolean()) {
            put(b, pick(new String[] {"aws:PrincipalTag/team", "aws:principaltag/Team"}), new String[] {"vision", "VISION", "", "nobody"});
        }
        if (r.nextBoolean()) {
            String owner = pick(new String[] {"AROADATA:alice", "AROADATA:bob", "alice", "*:alice", "", "bob"});
            b.put("sagemaker:ResourceTag/owner", owner);
        }
        if (r.nextInt(3) == 0) {
            put(b, "aws:RequestTag/project", new String[] {"p1", "P1", ""});
        }
        if (r.nextBoolean()) {
            put(b, "aws:PrincipalArn", ARN_REQUEST);
        }
        if (r.nextInt(3) == 0) {
            put(b, "aws:SourceArn", ARN_REQUEST);
        }
        if (r.nextBoolean()) {
            put(b, "aws:SourceIp", IP_REQUEST);
        }
        if (r.nextBoolean()) {
            put(b, "aws:SecureTransport", BOOL_REQUEST);
        }
        if (r.nextBoolean()) {
            put(b, "aws:CurrentTime", DATE_REQUEST);
        }
        if (r.nextBoolean()) {
            put(b, "sagemaker:MaxRuntimeInSeconds", NUM_REQUEST);
        }
        if (r.nextInt(3) == 0) {
            put(b, "custom:Blob", BINARY_REQUEST);
        }
        if (r.nextBoolean()) {
            String key = pick(new String[] {"aws:TagKeys", "sagemaker:InstanceTypes"});
            if (r.nextInt(5) == 0) {
                b.put(key, pick(MULTI_VALUES));
            } else {
                int n = r.nextInt(4);
                List<String> v = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    v.add(pick(new String[] {"owner", "team", "project", "ml.t3.medium", "ml.p3.2xlarge", "Owner", "", "alice"}));
                }
                b.putAll(key, v);
            }
        }
        return b.build();
    }

    String action() {
        String a = pick(ACTIONS);
        return switch (r.nextInt(10)) {
            case 0 -> a.toLowerCase();
            case 1 -> a.toUpperCase();
            default -> a;
        };
    }

    String resource() {
        return pick(RESOURCES);
    }
}
