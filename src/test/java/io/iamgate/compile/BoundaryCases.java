package io.iamgate.compile;

import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.PolicyParser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boundary-value decision cases, each a (policy, request, expected decision) triple whose expectation is
 * worked out here from the IAM rules, not by asking iamgate: equal / one below / one above for every
 * Numeric and Date comparison operator (and their IfExists forms), CIDR edges (network, broadcast, one
 * outside, /0, /32, /128, IPv4-mapped IPv6), empty strings, empty lists, case variants of keys and
 * values, and policy variables with and without values and defaults.
 *
 * <p>Every case is one identity policy with one statement, {@code Allow sagemaker:*} on {@code *} with
 * one condition, so the expected decision is {@code ALLOW} when the condition holds and
 * {@code IMPLICIT_DENY} when it does not, and the expected matched statements are that statement or
 * none. The data is plain (policy JSON text, context as key → String or List of String) so any
 * evaluator can consume it; {@link Case#policies} and {@link Case#requestContext()} build iamgate's types.
 */
public final class BoundaryCases {
    public static final String ACTION = "sagemaker:DescribeNotebookInstance";
    public static final String RESOURCE = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-1";
    public static final String POLICY_NAME = "boundary";
    public static final String SID = "Boundary";

    /**
     * One case.
     *
     * @param context key → {@code String} (single value) or {@code List<String>} (sent as a list)
     * @param allowed whether the condition holds, i.e. the expected decision is ALLOW
     */
    public record Case(String id, String description, String policyJson, Map<String, Object> context, boolean allowed) {

        public String expectedDecision() {
            return allowed ? "ALLOW" : "IMPLICIT_DENY";
        }

        public PolicySet policies(PolicyParser parser) {
            try {
                return new PolicySet(List.of(new NamedPolicy(POLICY_NAME, PolicyType.IDENTITY, parser.parse(policyJson))), List.of(), List.of());
            } catch (io.iamgate.policy.PolicyParseException e) {
                throw new IllegalStateException(id + ": " + e.getMessage(), e);
            }
        }

        @SuppressWarnings("unchecked")
        public RequestContext requestContext() {
            RequestContext.Builder b = RequestContext.builder();
            context.forEach((k, v) -> {
                if (v instanceof List<?> l) {
                    b.putAll(k, (List<String>) l);
                } else {
                    b.put(k, (String) v);
                }
            });
            return b.build();
        }
    }

    private final List<Case> out = new ArrayList<>();

    private BoundaryCases() {
    }

    /** Every boundary case, in a fixed order. */
    public static List<Case> all() {
        BoundaryCases g = new BoundaryCases();
        g.numeric();
        g.dates();
        g.cidrs();
        g.emptyStrings();
        g.emptyLists();
        g.caseVariants();
        g.variables();
        g.binaryAndBadValues();
        return Collections.unmodifiableList(g.out);
    }

    private static String policy(String operator, String key, String valuesJson) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + SID + "\",\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\","
                + "\"Resource\":\"*\",\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + valuesJson + "}}}]}";
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void add(String id, String description, String operator, String key, String valuesJson, Map<String, Object> ctx, boolean allowed) {
        out.add(new Case(id, description, policy(operator, key, valuesJson), ctx, allowed));
    }

    private static Map<String, Object> ctx(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Whether a comparison operator holds when the request value is below (-1), equal to (0) or above (1) the policy value. */
    static boolean holds(String op, int sign) {
        return switch (op) {
            case "Equals" -> sign == 0;
            case "NotEquals" -> sign != 0;
            case "LessThan" -> sign < 0;
            case "LessThanEquals" -> sign <= 0;
            case "GreaterThan" -> sign > 0;
            case "GreaterThanEquals" -> sign >= 0;
            default -> throw new IllegalArgumentException(op);
        };
    }

    static final String[] COMPARISONS = {"Equals", "NotEquals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"};

    private void numeric() {
        String key = "sagemaker:MaxRuntimeInSeconds";
        // policy value, then request values with their sign relative to it
        Object[][] rows = {
                {"3600", new String[] {"3599", "3600", "3601"}, new int[] {-1, 0, 1}},
                {"0", new String[] {"-1", "0", "1"}, new int[] {-1, 0, 1}},
                {"1.5", new String[] {"1.4", "1.50", "1.6"}, new int[] {-1, 0, 1}},
                {"-3", new String[] {"-4", "-3.0", "-2"}, new int[] {-1, 0, 1}},
        };
        for (String op : COMPARISONS) {
            for (String ifx : new String[] {"", "IfExists"}) {
                String operator = "Numeric" + op + ifx;
                for (Object[] row : rows) {
                    String p = (String) row[0];
                    String[] rs = (String[]) row[1];
                    int[] signs = (int[]) row[2];
                    for (int i = 0; i < rs.length; i++) {
                        add("num-" + operator + "-" + p + "-" + rs[i], operator + " " + p + " against " + rs[i], operator, key, q(p),
                                ctx(key, rs[i]), holds(op, signs[i]));
                    }
                }
                // absent key: IfExists true, NotEquals (negated) true, the rest false
                add("num-" + operator + "-absent", operator + " with the key absent", operator, key, q("3600"), ctx(),
                        !ifx.isEmpty() || op.equals("NotEquals"));
            }
        }
        // several policy values OR (negated: NOR)
        add("num-eq-list-hit", "NumericEquals [1, 2] against 2", "NumericEquals", key, "[\"1\",\"2\"]", ctx(key, "2"), true);
        add("num-ne-list-hit", "NumericNotEquals [1, 2] against 2", "NumericNotEquals", key, "[\"1\",\"2\"]", ctx(key, "2"), false);
        add("num-ne-list-miss", "NumericNotEquals [1, 2] against 3", "NumericNotEquals", key, "[\"1\",\"2\"]", ctx(key, "3"), true);
    }

    private void dates() {
        String key = "aws:CurrentTime";
        Instant p = Instant.parse("2026-11-22T10:00:00Z");
        String[] policyForms = {"2026-11-22T10:00:00Z", String.valueOf(p.getEpochSecond()), "2026-11-22T11:00:00+01:00"};
        for (String op : COMPARISONS) {
            for (String ifx : new String[] {"", "IfExists"}) {
                String operator = "Date" + op + ifx;
                for (String pf : policyForms) {
                    String[] rs = {p.minusSeconds(1).toString(), p.toString(), p.plusSeconds(1).toString(),
                            String.valueOf(p.getEpochSecond() - 1), String.valueOf(p.getEpochSecond()), String.valueOf(p.getEpochSecond() + 1),
                            "2026-11-22T05:00:00-05:00"};
                    int[] signs = {-1, 0, 1, -1, 0, 1, 0};
                    for (int i = 0; i < rs.length; i++) {
                        add("date-" + operator + "-" + pf + "-" + rs[i], operator + " " + pf + " against " + rs[i], operator, key, q(pf),
                                ctx(key, rs[i]), holds(op, signs[i]));
                    }
                }
                add("date-" + operator + "-absent", operator + " with the key absent", operator, key, q(policyForms[0]), ctx(),
                        !ifx.isEmpty() || op.equals("NotEquals"));
            }
        }
    }

    private void cidrs() {
        String key = "aws:SourceIp";
        Object[][] rows = {
                // cidr, address, inside
                {"10.0.0.0/24", "10.0.0.0", true},
                {"10.0.0.0/24", "10.0.0.255", true},
                {"10.0.0.0/24", "10.0.1.0", false},
                {"10.0.0.0/24", "9.255.255.255", false},
                {"10.0.0.128/25", "10.0.0.127", false},
                {"10.0.0.128/25", "10.0.0.128", true},
                {"0.0.0.0/0", "0.0.0.0", true},
                {"0.0.0.0/0", "255.255.255.255", true},
                {"0.0.0.0/0", "2001:db8::1", false},
                {"203.0.113.7/32", "203.0.113.7", true},
                {"203.0.113.7/32", "203.0.113.6", false},
                {"203.0.113.7/32", "203.0.113.8", false},
                {"203.0.113.7", "203.0.113.7", true},
                {"203.0.113.7", "203.0.113.70", false},
                {"2001:db8::/32", "2001:db8::", true},
                {"2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true},
                {"2001:db8::/32", "2001:db9::", false},
                {"2001:db8::/32", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false},
                {"2001:db8::1/128", "2001:db8::1", true},
                {"2001:db8::1/128", "2001:db8::2", false},
                {"2001:db8::1/128", "2001:DB8:0:0:0:0:0:1", true},
                {"::/0", "::1", true},
                {"::/0", "10.0.0.1", false},
                // IPv4-mapped IPv6 is an IPv6 address: it is not inside an IPv4 network
                {"10.0.0.0/24", "::ffff:a00:1", false},
                {"::ffff:0:0/96", "::ffff:a00:1", true},
        };
        for (Object[] row : rows) {
            String cidr = (String) row[0];
            String addr = (String) row[1];
            boolean inside = (Boolean) row[2];
            add("ip-in-" + cidr + "-" + addr, "IpAddress " + cidr + " against " + addr, "IpAddress", key, q(cidr), ctx(key, addr), inside);
            add("ip-out-" + cidr + "-" + addr, "NotIpAddress " + cidr + " against " + addr, "NotIpAddress", key, q(cidr), ctx(key, addr),
                    !inside);
        }
        add("ip-absent", "IpAddress with aws:SourceIp absent", "IpAddress", key, q("10.0.0.0/8"), ctx(), false);
        add("notip-absent", "NotIpAddress with aws:SourceIp absent", "NotIpAddress", key, q("10.0.0.0/8"), ctx(), true);
        add("ip-list", "IpAddress [10.0.0.0/8, 2001:db8::/32] against 2001:db8::5", "IpAddress", key, "[\"10.0.0.0/8\",\"2001:db8::/32\"]",
                ctx(key, "2001:db8::5"), true);
        add("notip-list", "NotIpAddress [10.0.0.0/8, 2001:db8::/32] against 2001:db8::5", "NotIpAddress", key,
                "[\"10.0.0.0/8\",\"2001:db8::/32\"]", ctx(key, "2001:db8::5"), false);
    }

    private void emptyStrings() {
        String key = "aws:RequestTag/project";
        add("empty-eq-empty", "StringEquals \"\" against \"\"", "StringEquals", key, q(""), ctx(key, ""), true);
        add("empty-eq-x", "StringEquals \"\" against x", "StringEquals", key, q(""), ctx(key, "x"), false);
        add("empty-eq-absent", "StringEquals \"\" with the key absent", "StringEquals", key, q(""), ctx(), false);
        add("empty-ne-empty", "StringNotEquals \"\" against \"\"", "StringNotEquals", key, q(""), ctx(key, ""), false);
        add("empty-ne-x", "StringNotEquals \"\" against x", "StringNotEquals", key, q(""), ctx(key, "x"), true);
        add("empty-like-star", "StringLike * against \"\"", "StringLike", key, q("*"), ctx(key, ""), true);
        add("empty-like-q", "StringLike ? against \"\"", "StringLike", key, q("?"), ctx(key, ""), false);
        add("empty-like-empty", "StringLike \"\" against \"\"", "StringLike", key, q(""), ctx(key, ""), true);
        add("empty-x-eq-empty", "StringEquals x against \"\"", "StringEquals", key, q("x"), ctx(key, ""), false);
        add("empty-null-false", "Null false with the key present as \"\"", "Null", key, q("false"), ctx(key, ""), true);
        add("empty-null-true", "Null true with the key present as \"\"", "Null", key, q("true"), ctx(key, ""), false);
        add("empty-num", "NumericEquals 0 against \"\"", "NumericEquals", "sagemaker:MaxRuntimeInSeconds", q("0"),
                ctx("sagemaker:MaxRuntimeInSeconds", ""), false);
        add("empty-bool-false", "Bool false against \"\" (a request value other than true reads as false)", "Bool", "aws:SecureTransport",
                q("false"), ctx("aws:SecureTransport", ""), true);
    }

    private void emptyLists() {
        String key = "aws:TagKeys";
        List<String> empty = List.of();
        // an empty list is a key with no value: absent for every operator but the set qualifiers
        add("list-empty-eq", "StringEquals with aws:TagKeys []", "StringEquals", key, q("a"), ctx(key, empty), false);
        add("list-empty-ne", "StringNotEquals with aws:TagKeys []", "StringNotEquals", key, q("a"), ctx(key, empty), true);
        add("list-empty-ifexists", "StringEqualsIfExists with aws:TagKeys []", "StringEqualsIfExists", key, q("a"), ctx(key, empty), true);
        add("list-empty-any", "ForAnyValue:StringEquals with aws:TagKeys []", "ForAnyValue:StringEquals", key, q("a"), ctx(key, empty), false);
        add("list-empty-all", "ForAllValues:StringEquals with aws:TagKeys []", "ForAllValues:StringEquals", key, q("a"), ctx(key, empty), true);
        add("list-empty-any-ne", "ForAnyValue:StringNotEquals with aws:TagKeys []", "ForAnyValue:StringNotEquals", key, q("a"), ctx(key, empty),
                false);
        add("list-empty-all-ne", "ForAllValues:StringNotEquals with aws:TagKeys []", "ForAllValues:StringNotEquals", key, q("a"),
                ctx(key, empty), true);
        add("list-empty-null-true", "Null true with aws:TagKeys []", "Null", key, q("true"), ctx(key, empty), true);
        add("list-empty-null-false", "Null false with aws:TagKeys []", "Null", key, q("false"), ctx(key, empty), false);
        add("list-empty-any-null", "ForAnyValue:Null false with aws:TagKeys []", "ForAnyValue:Null", key, q("false"), ctx(key, empty), false);
        add("list-empty-all-null", "ForAllValues:Null true with aws:TagKeys []", "ForAllValues:Null", key, q("true"), ctx(key, empty), true);
        // one value, two values
        // R1: a list of one value is still a list: no unqualified operator matches it
        add("list-one-eq", "StringEquals a with aws:TagKeys [a] (a list is multivalued)", "StringEquals", key, q("a"), ctx(key, List.of("a")), false);
        add("list-one-ne", "StringNotEquals c with aws:TagKeys [a] (a list is multivalued)", "StringNotEquals", key, q("c"),
                ctx(key, List.of("a")), false);
        add("list-one-ifexists", "StringEqualsIfExists a with aws:TagKeys [a] (a list is multivalued)", "StringEqualsIfExists", key, q("a"),
                ctx(key, List.of("a")), false);
        add("list-one-any", "ForAnyValue:StringEquals a with aws:TagKeys [a]", "ForAnyValue:StringEquals", key, q("a"),
                ctx(key, List.of("a")), true);
        add("single-eq", "StringEquals a with aws:TagKeys a (a plain string is single-valued)", "StringEquals", key, q("a"), ctx(key, "a"),
                true);
        add("list-two-eq", "StringEquals a with aws:TagKeys [a, b] (unqualified: several values never match)", "StringEquals", key, q("a"),
                ctx(key, List.of("a", "b")), false);
        add("list-two-ne", "StringNotEquals c with aws:TagKeys [a, b] (unqualified: several values never match)", "StringNotEquals", key,
                q("c"), ctx(key, List.of("a", "b")), false);
        add("list-two-any", "ForAnyValue:StringEquals a with [a, b]", "ForAnyValue:StringEquals", key, q("a"), ctx(key, List.of("a", "b")), true);
        add("list-two-all", "ForAllValues:StringEquals a with [a, b]", "ForAllValues:StringEquals", key, q("a"), ctx(key, List.of("a", "b")),
                false);
        add("list-two-all-both", "ForAllValues:StringEquals [a, b] with [a, b]", "ForAllValues:StringEquals", key, "[\"a\",\"b\"]",
                ctx(key, List.of("a", "b")), true);
        add("list-two-any-null", "ForAnyValue:Null false with [a, b]", "ForAnyValue:Null", key, q("false"), ctx(key, List.of("a", "b")), true);
        add("list-two-all-null", "ForAllValues:Null true with [a, b]", "ForAllValues:Null", key, q("true"), ctx(key, List.of("a", "b")), false);
        add("list-absent-any-null", "ForAnyValue:Null true with aws:TagKeys absent", "ForAnyValue:Null", key, q("true"), ctx(), false);
        add("list-absent-all-null", "ForAllValues:Null false with aws:TagKeys absent", "ForAllValues:Null", key, q("false"), ctx(), true);
    }

    private void caseVariants() {
        add("case-key-policy", "policy key aws:PrincipalTag/Team, request key aws:principaltag/team (keys ignore case)", "StringEquals",
                "aws:PrincipalTag/Team", q("vision"), ctx("aws:principaltag/team", "vision"), true);
        add("case-key-upper", "policy key AWS:PRINCIPALTAG/TEAM", "StringEquals", "AWS:PRINCIPALTAG/TEAM", q("vision"),
                ctx("aws:PrincipalTag/team", "vision"), true);
        add("case-value-eq", "StringEquals Vision against vision (values keep case)", "StringEquals", "aws:PrincipalTag/team", q("Vision"),
                ctx("aws:PrincipalTag/team", "vision"), false);
        add("case-value-ne", "StringNotEquals Vision against vision", "StringNotEquals", "aws:PrincipalTag/team", q("Vision"),
                ctx("aws:PrincipalTag/team", "vision"), true);
        add("case-value-ic", "StringEqualsIgnoreCase Vision against vision", "StringEqualsIgnoreCase", "aws:PrincipalTag/team", q("Vision"),
                ctx("aws:PrincipalTag/team", "vision"), true);
        add("case-value-nic", "StringNotEqualsIgnoreCase Vision against vision", "StringNotEqualsIgnoreCase", "aws:PrincipalTag/team",
                q("Vision"), ctx("aws:PrincipalTag/team", "vision"), false);
        add("case-value-like", "StringLike VIS* against vision", "StringLike", "aws:PrincipalTag/team", q("VIS*"),
                ctx("aws:PrincipalTag/team", "vision"), false);
        add("case-value-notlike", "StringNotLike VIS* against vision", "StringNotLike", "aws:PrincipalTag/team", q("VIS*"),
                ctx("aws:PrincipalTag/team", "vision"), true);
        add("case-arn", "ArnEquals with an upper-case resource part (ARNs keep case)", "ArnEquals", "aws:PrincipalArn",
                q("arn:aws:iam::111122223333:role/DataScientist"), ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/datascientist"), false);
        add("case-bool", "Bool true against TRUE", "Bool", "aws:SecureTransport", q("true"), ctx("aws:SecureTransport", "TRUE"), true);
        add("case-bool-policy", "Bool TRUE against true", "Bool", "aws:SecureTransport", q("TRUE"), ctx("aws:SecureTransport", "true"), true);
    }

    private void variables() {
        String key = "aws:ResourceTag/owner";
        add("var-set", "StringEquals ${aws:username} with username alice, owner alice", "StringEquals", key, q("${aws:username}"),
                ctx(key, "alice", "aws:username", "alice"), true);
        add("var-other", "StringEquals ${aws:username} with username bob, owner alice", "StringEquals", key, q("${aws:username}"),
                ctx(key, "alice", "aws:username", "bob"), false);
        // R5: a key sent as a list has no value as a variable
        add("var-list", "StringEquals ${aws:username} with username [alice], owner alice", "StringEquals", key, q("${aws:username}"),
                ctx(key, "alice", "aws:username", List.of("alice")), false);
        add("var-list-ne", "StringNotEquals ${aws:username} with username [alice], owner alice: null, so true", "StringNotEquals", key,
                q("${aws:username}"), ctx(key, "alice", "aws:username", List.of("alice")), true);
        add("var-list-default", "StringEquals ${aws:username, 'alice'} with username [bob], owner alice: the default", "StringEquals", key,
                q("${aws:username, 'alice'}"), ctx(key, "alice", "aws:username", List.of("bob")), true);
        add("var-unset", "StringEquals ${aws:username} with no username", "StringEquals", key, q("${aws:username}"), ctx(key, "alice"), false);
        add("var-unset-ne", "StringNotEquals ${aws:username} with no username: null matches nothing, so true", "StringNotEquals", key,
                q("${aws:username}"), ctx(key, "alice"), true);
        add("var-unset-notlike", "StringNotLike ${aws:username}-* with no username", "StringNotLike", key, q("${aws:username}-*"),
                ctx(key, "alice-1"), true);
        add("var-unset-like", "StringLike ${aws:username}-* with no username", "StringLike", key, q("${aws:username}-*"), ctx(key, "alice-1"),
                false);
        add("var-unset-key-absent", "StringNotEquals ${aws:username} with neither key", "StringNotEquals", key, q("${aws:username}"), ctx(),
                true);
        add("var-default", "StringEquals ${aws:username, 'alice'} with no username", "StringEquals", key, q("${aws:username, 'alice'}"),
                ctx(key, "alice"), true);
        add("var-default-overridden", "StringEquals ${aws:username, 'alice'} with username bob", "StringEquals", key,
                q("${aws:username, 'alice'}"), ctx(key, "alice", "aws:username", "bob"), false);
        add("var-default-ne", "StringNotEquals ${aws:username, 'alice'} with no username, owner alice", "StringNotEquals", key,
                q("${aws:username, 'alice'}"), ctx(key, "alice"), false);
        add("var-default-empty", "StringEquals ${aws:username, ''} with no username, owner \"\"", "StringEquals", key, q("${aws:username, ''}"),
                ctx(key, ""), true);
        add("var-key-case", "StringEquals ${AWS:UserName}: variable keys ignore case", "StringEquals", key, q("${AWS:UserName}"),
                ctx(key, "alice", "aws:username", "alice"), true);
        add("var-literal-star", "StringEquals ${aws:username} with username a*: the value is literal", "StringEquals", key, q("${aws:username}"),
                ctx(key, "alice", "aws:username", "a*"), false);
        add("var-like-literal-star", "StringLike ${aws:username} with username a*: the value is literal", "StringLike", key,
                q("${aws:username}"), ctx(key, "alice", "aws:username", "a*"), false);
        add("var-escape", "StringEquals ${*}: a literal star", "StringEquals", key, q("${*}"), ctx(key, "*"), true);
        add("var-mixed", "StringEquals [${aws:username}, bob] with no username, owner bob", "StringEquals", key, "[\"${aws:username}\",\"bob\"]",
                ctx(key, "bob"), true);
        add("var-mixed-ne", "StringNotEquals [${aws:username}, bob] with no username, owner bob", "StringNotEquals", key,
                "[\"${aws:username}\",\"bob\"]", ctx(key, "bob"), false);
        add("var-mixed-ne-miss", "StringNotEquals [${aws:username}, bob] with no username, owner carol", "StringNotEquals", key,
                "[\"${aws:username}\",\"bob\"]", ctx(key, "carol"), true);
        add("var-arn-unset", "ArnNotLike with an unset variable against a valid ARN", "ArnNotLike", "aws:PrincipalArn",
                q("arn:aws:iam::111122223333:role/${aws:PrincipalTag/role}"), ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Admin"), true);
        add("var-like-set", "StringLike ${aws:username}-* with username alice against alice-1: the literal text keeps its wildcard", "StringLike",
                key, q("${aws:username}-*"), ctx(key, "alice-1", "aws:username", "alice"), true);
        add("var-eq-star", "StringEquals ${aws:username}-* against alice-1: StringEquals has no wildcard", "StringEquals", key,
                q("${aws:username}-*"), ctx(key, "alice-1", "aws:username", "alice"), false);
        add("var-eq-star-literal", "StringEquals ${aws:username}-* against alice-*", "StringEquals", key, q("${aws:username}-*"),
                ctx(key, "alice-*", "aws:username", "alice"), true);
        add("var-arn-colons", "ArnLike with a variable against an ARN whose resource part holds colons", "ArnLike", "aws:SourceArn",
                q("arn:aws:logs:*:*:log-group:${aws:username}:*"),
                ctx("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s", "aws:username", "g"), true);
        add("arn-colons-equals", "ArnEquals against an ARN whose resource part holds colons", "ArnEquals", "aws:SourceArn",
                q("arn:aws:logs:us-east-1:111122223333:log-group:g"), ctx("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:g"), true);
        add("arn-colons-like", "ArnLike log-group:* against a log stream ARN", "ArnLike", "aws:SourceArn", q("arn:aws:logs:*:*:log-group:*"),
                ctx("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s"), true);
        add("arn-colons-notlike", "ArnNotLike log-group:* against a log stream ARN", "ArnNotLike", "aws:SourceArn",
                q("arn:aws:logs:*:*:log-group:*"), ctx("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s"), false);
        add("var-arn-set", "ArnLike with a set variable", "ArnLike", "aws:PrincipalArn", q("arn:aws:iam::111122223333:role/${aws:PrincipalTag/role}"),
                ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Admin", "aws:PrincipalTag/role", "Admin"), true);
    }

    private void binaryAndBadValues() {
        String key = "aws:RequestTag/blob";
        add("bin-equal", "BinaryEquals QUJD against QUJD", "BinaryEquals", key, q("QUJD"), ctx(key, "QUJD"), true);
        add("bin-other", "BinaryEquals QUJD against QUJE", "BinaryEquals", key, q("QUJD"), ctx(key, "QUJE"), false);
        add("bin-longer", "BinaryEquals QUJD against QUJDRA==", "BinaryEquals", key, q("QUJD"), ctx(key, "QUJDRA=="), false);
        add("bin-not-base64", "BinaryEquals QUJD against a non-base64 value", "BinaryEquals", key, q("QUJD"), ctx(key, "!!!"), false);
        add("bin-absent", "BinaryEquals with the key absent", "BinaryEquals", key, q("QUJD"), ctx(), false);
        add("bin-ifexists-absent", "BinaryEqualsIfExists with the key absent", "BinaryEqualsIfExists", key, q("QUJD"), ctx(), true);
        // positive operators never match a request value that is not of their type
        add("num-not-a-number", "NumericLessThan 10 against abc", "NumericLessThan", "sagemaker:MaxRuntimeInSeconds", q("10"),
                ctx("sagemaker:MaxRuntimeInSeconds", "abc"), false);
        add("date-not-a-date", "DateGreaterThan against yesterday", "DateGreaterThan", "aws:CurrentTime", q("2026-11-22T10:00:00Z"),
                ctx("aws:CurrentTime", "yesterday"), false);
        add("ip-not-an-ip", "IpAddress 0.0.0.0/0 against a host name", "IpAddress", "aws:SourceIp", q("0.0.0.0/0"),
                ctx("aws:SourceIp", "example.com"), false);
        // R4: negated ones neither (the policy simulator)
        add("num-ne-not-a-number", "NumericNotEquals 10 against abc", "NumericNotEquals", "sagemaker:MaxRuntimeInSeconds", q("10"),
                ctx("sagemaker:MaxRuntimeInSeconds", "abc"), false);
        add("num-ne-empty", "NumericNotEquals 10 against an empty string", "NumericNotEquals", "sagemaker:MaxRuntimeInSeconds", q("10"),
                ctx("sagemaker:MaxRuntimeInSeconds", ""), false);
        add("date-ne-not-a-date", "DateNotEquals against yesterday", "DateNotEquals", "aws:CurrentTime", q("2026-11-22T10:00:00Z"),
                ctx("aws:CurrentTime", "yesterday"), false);
        add("ip-not-not-an-ip", "NotIpAddress 10.0.0.0/8 against a host name", "NotIpAddress", "aws:SourceIp", q("10.0.0.0/8"),
                ctx("aws:SourceIp", "example.com"), false);
        add("ip-not-ifexists-not-an-ip", "NotIpAddressIfExists 10.0.0.0/8 against a host name", "NotIpAddressIfExists", "aws:SourceIp",
                q("10.0.0.0/8"), ctx("aws:SourceIp", "example.com"), false);
    }
}
