package io.iamgate.validate.rules;

import io.iamgate.json.JsonNode;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.Statement;
import io.iamgate.policy.PolicyType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks of the document as a whole: Version, size quotas, Sids, duplicate statements. */
final class DocumentRules {
    private DocumentRules() {
    }

    /** MISSING_VERSION: no Version element, so policy variables are literal text. */
    static final class MissingVersion implements Rule {
        @Override
        public void document(RuleContext ctx) {
            if (ctx.doc().version() == null) {
                ctx.report(IssueCode.MISSING_VERSION, "the policy has no Version, so policy variables are read as literal text",
                        ctx.doc().position(), "Add \"Version\": \"2012-10-17\" as the first element.");
            }
        }
    }

    /**
     * POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA (10,240), POLICY_SIZE_EXCEEDS_SCP_QUOTA (5,120),
     * POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA (2,048): characters not counting white space, from
     * the source text or, when the policy came without one (a JSONL line), from its JSON tree.
     */
    static final class PolicySize implements Rule {
        // recorded Access Analyzer output: "exceed the 10240 character maximum for inline and managed policies"
        // (zoph-io/MAMIP findings/AWSConfigServiceRolePolicy.json); the reference prose names 6,144, the check uses 10,240
        static final int IDENTITY_QUOTA = io.iamgate.validate.PolicyValidator.POLICY_SIZE_QUOTA;
        static final int SCP_QUOTA = 5120;
        static final int TRUST_QUOTA = 2048;

        @Override
        public void document(RuleContext ctx) {
            int size = ctx.doc().sourceText() != null ? nonWhitespace(ctx.doc().sourceText()) : treeSize(ctx.doc().root());
            PolicyType k = ctx.kind();
            IssueCode code = k == PolicyType.GUARDRAIL ? IssueCode.POLICY_SIZE_EXCEEDS_SCP_QUOTA
                    : k == PolicyType.ROLE_TRUST ? IssueCode.POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA
                    : IssueCode.POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA;
            int quota = k == PolicyType.GUARDRAIL ? SCP_QUOTA : k == PolicyType.ROLE_TRUST ? TRUST_QUOTA : IDENTITY_QUOTA;
            if (size > quota) {
                ctx.report(code, "the policy has " + size + " characters without white space, over the " + quota + "-character quota",
                        ctx.doc().position(), "Split it into several policies, or use wildcards to shorten action lists.");
            }
        }

        static int nonWhitespace(String t) {
            int n = 0;
            for (int i = 0; i < t.length(); i++) {
                if (!Character.isWhitespace(t.charAt(i))) {
                    n++;
                }
            }
            return n;
        }

        /** The size of the compact JSON text of {@code node}, white space inside strings not counted. */
        static int treeSize(JsonNode node) {
            if (node == null) {
                return 0;
            }
            if (node instanceof JsonNode.Obj o) {
                int n = 2 + Math.max(0, o.members().size() - 1);
                for (JsonNode.Member m : o.members()) {
                    n += nonWhitespace(m.key()) + 3 + treeSize(m.value());
                }
                return n;
            }
            if (node instanceof JsonNode.Arr a) {
                int n = 2 + Math.max(0, a.items().size() - 1);
                for (JsonNode item : a.items()) {
                    n += treeSize(item);
                }
                return n;
            }
            if (node instanceof JsonNode.Scalar s) {
                return nonWhitespace(s.text()) + (s.kind() == JsonNode.Scalar.Kind.STRING ? 2 : 0);
            }
            return 4;
        }
    }

    /** UNIQUE_SIDS_REQUIRED, UNSUPPORTED_SID (only [A-Za-z0-9]), EMPTY_SID_VALUE, VARIABLE_UNSUPPORTED_IN_ELEMENT for Sid. */
    static final class Sids implements Rule {
        @Override
        public void document(RuleContext ctx) {
            Map<String, Statement> seen = new HashMap<>();
            for (Statement s : ctx.doc().statements()) {
                if (s.sid() == null) {
                    continue;
                }
                if (s.sid().isEmpty()) {
                    ctx.report(IssueCode.EMPTY_SID_VALUE, "the Sid is an empty string", s.sidPosition(), "Give the statement a Sid, or remove the Sid element.");
                    continue;
                }
                Statement first = seen.putIfAbsent(s.sid(), s);
                if (first != null) {
                    ctx.report(IssueCode.UNIQUE_SIDS_REQUIRED, "duplicate Sid \"" + s.sid() + "\" (also statement " + first.index() + ")",
                            s.sidPosition(), "Give each statement its own Sid.");
                }
                if (s.sid().contains("${")) {
                    ctx.report(IssueCode.VARIABLE_UNSUPPORTED_IN_ELEMENT, "policy variables are not supported in Sid (\"" + s.sid() + "\")",
                            s.sidPosition(), "Use variables only in Resource, NotResource and String or ARN condition values.");
                } else if (ctx.kind() != PolicyType.RESOURCE && !s.sid().chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
                    ctx.report(IssueCode.UNSUPPORTED_SID, "Sid \"" + s.sid() + "\" has characters other than A–Z, a–z and 0–9", s.sidPosition(),
                            "Use only letters and digits, e.g. \"" + s.sid().replaceAll("[^A-Za-z0-9]", "") + "\".");
                }
            }
        }
    }

    /** REDUNDANT_STATEMENT: a statement identical to an earlier one (Sid aside). */
    static final class RedundantStatement implements Rule {
        @Override
        public void document(RuleContext ctx) {
            if (ctx.doc().statements().size() < 2) {
                return;
            }
            // the full shape only within groups of statements that agree on a cheap signature
            Map<List<Object>, List<Statement>> groups = new java.util.LinkedHashMap<>();
            for (Statement s : ctx.doc().statements()) {
                groups.computeIfAbsent(List.of(String.valueOf(s.effect()), s.actionEntries().size(), s.resourceEntries().size(),
                        s.conditions().size()), k -> new ArrayList<>()).add(s);
            }
            for (List<Statement> group : groups.values()) {
                if (group.size() < 2) {
                    continue;
                }
                Map<List<Object>, Statement> seen = new HashMap<>();
                for (Statement s : group) {
                    Statement first = seen.putIfAbsent(shape(s), s);
                    if (first != null) {
                        ctx.report(IssueCode.REDUNDANT_STATEMENT, "this statement grants exactly what statement " + first.index()
                                + " grants", s.position(), "Remove one of the two statements.");
                    }
                }
            }
        }

        private static List<Object> shape(Statement s) {
            List<Object> k = new ArrayList<>();
            k.add(s.effect());
            k.add(s.hasNotAction());
            k.add(s.actionEntries().stream().map(a -> a.text().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
            k.add(s.hasNotResource());
            k.add(s.resourceEntries().stream().map(ResourceEntry::text).sorted().toList());
            List<String> conds = new ArrayList<>();
            for (Condition c : s.conditions()) {
                conds.add(c.operator().text() + "|" + c.lowerKey() + "|" + c.values().stream().map(ConditionValue::text).sorted().toList());
            }
            conds.sort(null);
            k.add(conds);
            k.add(s.principal() == null ? List.of() : List.of(s.principal().not(), s.principal().wildcard(),
                    s.principal().entries().stream().map(e -> e.type() + "=" + e.value()).sorted().toList()));
            return k;
        }
    }
}
