package io.iamgate.oracle;

import io.iamgate.eval.Decision;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.policy.PolicyType;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.ActionEntry;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.Statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A clean-room reference evaluator of AWS IAM identity-policy evaluation: the test oracle the compiled
 * engine is differentially tested against. It is a plain, slow, literal transcription of the IAM User
 * Guide pages "Policy evaluation logic", "IAM JSON policy elements: Action / Resource / Condition",
 * "IAM JSON policy elements: Condition operators", "IAM policy elements: Variables and tags" and
 * "Single-valued vs. multivalued context keys", plus docs/decision-semantics.md. It reads only the raw text of the parsed
 * policy model (operator names, keys and values as written) and calls nothing of
 * {@code io.iamgate.compile}, {@code match}, {@code eval} (other than record types) or the policy
 * helpers; it does its own operator, value, wildcard, ARN and variable handling.
 *
 * <p>Where the Guide is silent, it follows what AWS's policy simulator answers (evidence cited at each
 * rule, from cloud-copilot/iam-simulate, whose authors check its answers against the simulator):
 * <ul>
 * <li>R1 an operator without a set qualifier against a key sent with several values (a list) is false,
 * positive or negated ("Set operator is required for a multi-value key. Confirmed this at re:Inforce
 * 2025 IAM431", iam-simulate src/condition/condition.ts, singleValueMatch);</li>
 * <li>R2 an {@code Arn…} operator, positive or negated, is false for a request value that is not a
 * six-part ARN (iam-simulate src/condition/arn/arn.ts: "request ARN ... is not a valid ARN",
 * ArnNotLike.test.ts "should return false if not a valid request arn");</li>
 * <li>R3 {@code Bool} reads a request value as Java's {@code Boolean.parseBoolean} does ("true" in any
 * case is true, anything else false), so {@code Bool "false"} matches {@code "yes"}: issue 14 reports
 * that the simulator differs from iamgate's old answer (false) there, and AWS's evaluator is Java;</li>
 * <li>R4 Numeric, Date and IP operators, positive or negated (NumericNotEquals, DateNotEquals,
 * NotIpAddress included), are false for a request value that is not a number, date or IP address
 * (iam-simulate NumericNotEquals.ts, date.ts checkIfDate, NotIpAddress.ts all return false);</li>
 * <li>R5 a key sent as a list (even of one value) has no value as a policy variable: "you cannot use a
 * multivalued context key as a policy variable" (User Guide, single- vs multivalued context keys), so
 * the null-variable rule applies.</li>
 * </ul>
 *
 * <p>Matched statements: for EXPLICIT_DENY every matching Deny statement of every group (identity,
 * then boundary, then guardrails; policies and statements in order); for ALLOW the matching identity
 * Allow statements only; for IMPLICIT_DENY none.
 */
public final class OracleEvaluator {

    /** A statement that decided: policy name, group, Sid (null if none), statement index, effect. */
    public record Decider(String policy, PolicyType group, String sid, int statementIndex, Effect effect) {
    }

    public record Result(Decision decision, List<Decider> deciders) {
    }

    private static List<Glob.Tok> substitute(String text, boolean variables, boolean wildcards, RequestContext ctx) {
        return PolicyVariables.substitute(text, variables, wildcards, ctx);
    }

    public Result evaluate(PolicySet set, String action, String resource, RequestContext ctx) {
        // "Policy evaluation logic" (its flow chart, step "Deny evaluation"): an explicit Deny in any
        // applicable policy ends evaluation with a deny (docs/decision-semantics.md rule 1).
        List<Decider> denies = new ArrayList<>();
        collect(set.identity(), Effect.Deny, action, resource, ctx, denies);
        collect(set.boundary(), Effect.Deny, action, resource, ctx, denies);
        collect(set.guardrails(), Effect.Deny, action, resource, ctx, denies);
        if (!denies.isEmpty()) {
            return new Result(Decision.EXPLICIT_DENY, denies);
        }
        // Flow chart step "Organizations SCPs" (our guardrails): when SCPs apply, an SCP must allow the
        // request, else implicit deny (docs/decision-semantics.md rule 2: some guardrail Allow must match).
        if (!set.guardrails().isEmpty()) {
            List<Decider> a = new ArrayList<>();
            collect(set.guardrails(), Effect.Allow, action, resource, ctx, a);
            if (a.isEmpty()) {
                return new Result(Decision.IMPLICIT_DENY, List.of());
            }
        }
        // Flow chart step "Permissions boundaries": with a boundary, the boundary must allow (docs/decision-semantics.md rule 3).
        if (!set.boundary().isEmpty()) {
            List<Decider> a = new ArrayList<>();
            collect(set.boundary(), Effect.Allow, action, resource, ctx, a);
            if (a.isEmpty()) {
                return new Result(Decision.IMPLICIT_DENY, List.of());
            }
        }
        // Flow chart step "Identity-based policies": no identity allow means implicit deny (docs/decision-semantics.md rule 4).
        List<Decider> allows = new ArrayList<>();
        collect(set.identity(), Effect.Allow, action, resource, ctx, allows);
        if (allows.isEmpty()) {
            return new Result(Decision.IMPLICIT_DENY, List.of());
        }
        return new Result(Decision.ALLOW, allows);
    }

    private void collect(List<NamedPolicy> policies, Effect effect, String action, String resource, RequestContext ctx, List<Decider> into) {
        for (NamedPolicy p : policies) {
            PolicyDocument doc = p.document();
            // "IAM JSON policy elements: Version": variables only with "2012-10-17".
            boolean variables = "2012-10-17".equals(doc.version());
            for (Statement st : doc.statements()) {
                if (st.effect() == effect && statementMatches(st, variables, action, resource, ctx)) {
                    into.add(new Decider(p.name(), p.type(), st.sid(), st.index(), st.effect()));
                }
            }
        }
    }

    /** "IAM JSON policy elements": a statement applies when its action, resource and condition parts all match. */
    boolean statementMatches(Statement st, boolean variables, String action, String resource, RequestContext ctx) {
        return actionPart(st, action) && resourcePart(st, variables, resource, ctx) && conditions(st, variables, ctx);
    }

    // ---------------------------------------------------------------- Action / NotAction

    /**
     * "IAM JSON policy elements: Action": "service prefixes and action names are case insensitive";
     * wildcards {@code *} and {@code ?}; {@code "*"} is all actions. "NotAction": matches everything
     * except the listed actions.
     */
    boolean actionPart(Statement st, String action) {
        boolean any = false;
        for (ActionEntry e : st.actionEntries()) {
            if (actionMatches(e.text(), action)) {
                any = true;
                break;
            }
        }
        return st.hasNotAction() != any;
    }

    static boolean actionMatches(String pattern, String action) {
        if (pattern.equals("*")) {
            return true;
        }
        int pc = pattern.indexOf(':');
        int ac = action.indexOf(':');
        if (pc < 0 || ac < 0) {
            return Glob.matches(Glob.wild(pattern), action, true);
        }
        return Glob.matches(Glob.wild(pattern.substring(0, pc)), action.substring(0, ac), true)
                && Glob.matches(Glob.wild(pattern.substring(pc + 1)), action.substring(ac + 1), true);
    }

    // ---------------------------------------------------------------- Resource / NotResource

    /**
     * "IAM JSON policy elements: Resource" and "NotResource": case-sensitive match of the ARN with
     * {@code *}/{@code ?} wildcards ("If the * wildcard is the last character of a resource ARN segment,
     * it can expand to match beyond the colon boundaries"); variables substituted first, an entry with
     * an unresolvable variable matches nothing (docs/decision-semantics.md). A request with no resource ARN carries
     * {@code "*"}, which only the policy entry {@code "*"} matches (docs/decision-semantics.md). "You can't use a wildcard in
     * the service segment that identifies the AWS product" (Resource page, note; IAM refuses such a
     * document: "Resource vendor must be fully qualified and cannot contain regexes"): such an entry
     * matches no request (docs/decision-semantics.md).
     */
    boolean resourcePart(Statement st, boolean variables, String resource, RequestContext ctx) {
        boolean any = false;
        for (ResourceEntry e : st.resourceEntries()) {
            if (resourceMatches(e.text(), variables, resource, ctx)) {
                any = true;
                break;
            }
        }
        return st.hasNotResource() != any;
    }

    boolean resourceMatches(String pattern, boolean variables, String resource, RequestContext ctx) {
        if (pattern.equals("*")) {
            return true;
        }
        if (resource.equals("*")) {
            return false;
        }
        List<Glob.Tok> toks = substitute(pattern, variables, true, ctx);
        if (toks == null) {
            return false;
        }
        if (serviceSegmentIsWildcard(toks)) {
            return false;
        }
        // docs/decision-semantics.md: "* may span / and : inside the resource part" — and only there: a six-part pattern
        // is matched against a six-part ARN segment by segment, as AWS's simulator-checked evaluators do
        // (cloud-copilot/iam-simulate src/resource/resource.ts matches partition, service, region and
        // account each on its own), so a * in the account never runs into the resource. The Guide's
        // "If the * wildcard is the last character of a resource ARN segment, it can expand to match
        // beyond the colon boundaries" is read for patterns of fewer than six parts (arn:aws:s3:::b*
        // style prefixes), which are one glob over the whole ARN.
        List<List<Glob.Tok>> parts = splitSix(toks);
        String[] req = sixParts(resource);
        if (parts == null || req == null) {
            return Glob.matches(toks, resource, false);
        }
        for (int i = 0; i < 6; i++) {
            if (!Glob.matches(parts.get(i), req[i], false)) {
                return false;
            }
        }
        return true;
    }

    /** A request resource split at its first five colons (the sixth part keeps its colons); null if fewer. */
    static String[] sixParts(String s) {
        String[] parts = new String[6];
        int from = 0;
        for (int i = 0; i < 5; i++) {
            int c = s.indexOf(':', from);
            if (c < 0) {
                return null;
            }
            parts[i] = s.substring(from, c);
            from = c + 1;
        }
        parts[5] = s.substring(from);
        return parts;
    }

    /**
     * The pattern is an ARN pattern (it starts with the literal text {@code arn:}) whose service — the
     * third colon-separated segment — is or may be a wildcard: a {@code *}/{@code ?} in that segment, or
     * one in the partition segment with no colon after it (so the wildcard would have to cover the
     * service too, {@code arn:*}). Substituted variable text is literal and never a wildcard.
     */
    static boolean serviceSegmentIsWildcard(List<Glob.Tok> toks) {
        String prefix = "arn:";
        if (toks.size() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            Glob.Tok t = toks.get(i);
            if (t.kind() != 'L' || t.ch() != prefix.charAt(i)) {
                return false;
            }
        }
        int segment = 1;
        for (int i = prefix.length(); i < toks.size(); i++) {
            Glob.Tok t = toks.get(i);
            if (t.kind() == 'L' && t.ch() == ':') {
                segment++;
                if (segment > 2) {
                    return false;
                }
            } else if (t.wildcard()) {
                if (segment == 2) {
                    return true;
                }
                boolean colonLater = false;
                for (int k = i + 1; k < toks.size(); k++) {
                    colonLater |= toks.get(k).kind() == 'L' && toks.get(k).ch() == ':';
                }
                if (!colonLater) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- Condition

    /** "IAM JSON policy elements: Condition" → "The condition block": all operators and all keys AND. */
    boolean conditions(Statement st, boolean variables, RequestContext ctx) {
        if (st.conditions() == null) {
            return true;
        }
        for (Condition c : st.conditions()) {
            if (!condition(c, variables, ctx)) {
                return false;
            }
        }
        return true;
    }

    /** An operator name as written, taken apart: {@code [ForAnyValue:|ForAllValues:]Base[IfExists]}. */
    record Op(String qualifier, String base, boolean ifExists) {
        static Op parse(String text) {
            String rest = text;
            String q = "";
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("foranyvalue:")) {
                q = "ForAnyValue";
                rest = text.substring("foranyvalue:".length());
            } else if (lower.startsWith("forallvalues:")) {
                q = "ForAllValues";
                rest = text.substring("forallvalues:".length());
            }
            boolean ifExists = false;
            String base = rest.toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(base) && base.endsWith("ifexists")) {
                base = base.substring(0, base.length() - "ifexists".length());
                ifExists = true;
            }
            if (!KNOWN.contains(base)) {
                throw new IllegalArgumentException("not a condition operator: " + text);
            }
            return new Op(q, base, ifExists);
        }

        /**
         * "Condition operators": the negated matching operators, whose several values combine as NOR
         * ("If a single condition operator includes multiple values for a context key, ... negated
         * matching condition operators ... evaluated using a logical NOR").
         */
        boolean negated() {
            return NEGATED.contains(base);
        }
    }

    static final List<String> KNOWN = List.of("stringequals", "stringnotequals", "stringequalsignorecase", "stringnotequalsignorecase",
            "stringlike", "stringnotlike", "numericequals", "numericnotequals", "numericlessthan", "numericlessthanequals",
            "numericgreaterthan", "numericgreaterthanequals", "dateequals", "datenotequals", "datelessthan", "datelessthanequals",
            "dategreaterthan", "dategreaterthanequals", "bool", "binaryequals", "ipaddress", "notipaddress", "arnequals", "arnlike",
            "arnnotequals", "arnnotlike", "null");
    static final List<String> NEGATED = List.of("stringnotequals", "stringnotequalsignorecase", "stringnotlike", "numericnotequals",
            "datenotequals", "notipaddress", "arnnotequals", "arnnotlike");

    boolean condition(Condition c, boolean variables, RequestContext ctx) {
        Op op = Op.parse(c.operator().text());
        // "Condition element": "Condition key names are not case-sensitive".
        RequestContext.Entry entry = ctx.get(c.key().toLowerCase(Locale.ROOT));
        List<String> policyValues = new ArrayList<>();
        for (ConditionValue v : c.values()) {
            policyValues.add(v.text());
        }
        // A key sent as an empty list is an empty set: "ForAnyValue ... returns false if there are no
        // context keys in the request or the key resolves to a null data set"; "ForAllValues ... also
        // returns true if there are no context keys in the request or if the key value resolves to a
        // null data set" ("Single-valued vs. multivalued context keys"). For every other operator it
        // counts as absent (RequestContext's contract).
        boolean absent = entry == null || entry.values().isEmpty();
        // The same page, for the qualifiers only: "... or if the context key value resolves to a null
        // dataset, such as an empty string" — a key whose only value is "" is an empty set.
        if (!op.qualifier().isEmpty() && entry != null && entry.values().size() == 1 && entry.values().get(0).isEmpty()) {
            absent = true;
        }

        if (op.base().equals("null")) {
            return nullCheck(op, policyValues, entry, absent);
        }

        switch (op.qualifier()) {
            case "ForAnyValue" -> {
                // "Single-valued vs. multivalued context keys" → ForAnyValue: "true if at least one of the
                // context key values in the request matches ... false if there are no context keys".
                if (absent) {
                    // "…IfExists": "If it is not present, evaluate the condition element as true."
                    return op.ifExists();
                }
                for (String v : entry.values()) {
                    if (holds(op, policyValues, v, variables, ctx)) {
                        return true;
                    }
                }
                return false;
            }
            case "ForAllValues" -> {
                // ForAllValues: "true if every context key value in the request matches at least one
                // value in the policy. It also returns true if there are no context keys in the request".
                if (absent) {
                    return true;
                }
                for (String v : entry.values()) {
                    if (!holds(op, policyValues, v, variables, ctx)) {
                        return false;
                    }
                }
                return true;
            }
            default -> {
                if (absent) {
                    // "Condition operators" (Important box): "If the key that you specify in a policy
                    // condition is not present in the request context, the values do not match and the
                    // condition is false. If the policy condition requires that the key is not matched,
                    // such as StringNotLike or ArnNotLike, and the right key is not present, the condition
                    // is true." "…IfExists": "If it is not present, evaluate the condition element as true."
                    return op.ifExists() || op.negated();
                }
                if (entry.multivalued()) {
                    // R1 (simulator): an unqualified operator against a key sent as a list (any length,
                    // one element included) is false, positive, negated or IfExists — iam-simulate condition.ts singleValueMatch "Set
                    // operator is required for a multi-value key. Confirmed this at re:Inforce 2025 IAM431."
                    return false;
                }
                return holds(op, policyValues, entry.values().get(0), variables, ctx);
            }
        }
    }

    /**
     * "Condition operator to check existence of condition keys" (Null): {@code true} — the key does not
     * exist; {@code false} — the key exists. With a set qualifier (docs/decision-semantics.md: "Set qualifiers apply to every
     * operator, Null included") the qualifier rules apply: ForAnyValue is false on an absent/empty key,
     * ForAllValues true, and otherwise each request value is a present value, for which {@code Null} holds
     * exactly when a policy value is {@code false}.
     */
    static boolean nullCheck(Op op, List<String> policyValues, RequestContext.Entry entry, boolean absent) {
        boolean anyFalse = false;
        boolean anyTrue = false;
        for (String v : policyValues) {
            anyTrue |= v.equalsIgnoreCase("true");
            anyFalse |= v.equalsIgnoreCase("false");
        }
        return switch (op.qualifier()) {
            case "ForAnyValue" -> absent ? op.ifExists() : anyFalse;
            case "ForAllValues" -> absent || anyFalse;
            default -> absent ? (anyTrue || op.ifExists()) : anyFalse;
        };
    }

    /**
     * One request value against the operator and all its policy values: positive operators hold when
     * some policy value matches (OR); negated operators when none does (NOR). A policy value holding a
     * variable with no value matches nothing ("Policy variables with no value": "the value is effectively
     * null. There is no equal or like value." ... "Inverted condition operators like StringNotEquals or
     * StringNotLike do match against a null value, as the value of the condition key they are testing
     * against is not equal to or like the effectively null value."), so it never makes a positive
     * operator hold and never stops a negated one.
     */
    boolean holds(Op op, List<String> policyValues, String requestValue, boolean variables, RequestContext ctx) {
        if (!requestValueIsOfType(op.base(), requestValue)) {
            // R2/R4 (simulator): a request value that is not of the operator's type makes the operator false,
            // positive or negated (Arn, Numeric, Date, IP; Bool reads every value, see R3).
            return false;
        }
        boolean anyMatch = false;
        for (String pv : policyValues) {
            if (positiveMatch(op.base(), pv, requestValue, variables, ctx)) {
                anyMatch = true;
                break;
            }
        }
        return op.negated() != anyMatch;
    }

    static boolean requestValueIsOfType(String base, String v) {
        if (base.startsWith("string")) {
            return true;
        }
        if (base.startsWith("numeric")) {
            return OracleValues.number(v) != null;
        }
        if (base.startsWith("date")) {
            return OracleValues.date(v) != null;
        }
        if (base.equals("bool")) {
            return true; // R3: every request value reads as a boolean (see positiveMatch)
        }
        if (base.equals("binaryequals")) {
            return OracleValues.base64(v) != null;
        }
        if (base.equals("ipaddress") || base.equals("notipaddress")) {
            return OracleValues.ip(v) != null;
        }
        if (base.startsWith("arn")) {
            return OracleValues.arnParts(v) != null;
        }
        throw new IllegalStateException(base);
    }

    /** Whether one policy value, as its operator's positive form, matches one request value. */
    boolean positiveMatch(String base, String policyValue, String v, boolean variables, RequestContext ctx) {
        switch (base) {
            // "String condition operators" — policy variables: supported; wildcards: Like only.
            case "stringequals", "stringnotequals" -> {
                List<Glob.Tok> t = substitute(policyValue, variables, false, ctx);
                return t != null && Glob.text(t).equals(v); // "Exact matching, case sensitive"
            }
            case "stringequalsignorecase", "stringnotequalsignorecase" -> {
                List<Glob.Tok> t = substitute(policyValue, variables, false, ctx);
                return t != null && Glob.text(t).equalsIgnoreCase(v); // "Exact matching, ignoring case"
            }
            case "stringlike", "stringnotlike" -> {
                // "Case-sensitive matching. The values can include multi-character match wildcards (*) and
                // single-character match wildcards (?) anywhere in the string."
                List<Glob.Tok> t = substitute(policyValue, variables, true, ctx);
                return t != null && Glob.matches(t, v, false);
            }
            // "Numeric condition operators" — no variables, no wildcards. The request value is the left operand.
            case "numericequals", "numericnotequals" -> {
                return holdsCmp(cmpNumber(v, policyValue), "==");
            }
            case "numericlessthan" -> {
                return holdsCmp(cmpNumber(v, policyValue), "<");
            }
            case "numericlessthanequals" -> {
                return holdsCmp(cmpNumber(v, policyValue), "<=");
            }
            case "numericgreaterthan" -> {
                return holdsCmp(cmpNumber(v, policyValue), ">");
            }
            case "numericgreaterthanequals" -> {
                return holdsCmp(cmpNumber(v, policyValue), ">=");
            }
            // "Date condition operators".
            case "dateequals", "datenotequals" -> {
                return holdsCmp(cmpDate(v, policyValue), "==");
            }
            case "datelessthan" -> {
                return holdsCmp(cmpDate(v, policyValue), "<");
            }
            case "datelessthanequals" -> {
                return holdsCmp(cmpDate(v, policyValue), "<=");
            }
            case "dategreaterthan" -> {
                return holdsCmp(cmpDate(v, policyValue), ">");
            }
            case "dategreaterthanequals" -> {
                return holdsCmp(cmpDate(v, policyValue), ">=");
            }
            // "Boolean condition operators".
            case "bool" -> {
                // R3: issue 14 says AWS's policy simulator answers differently from iamgate's old reading
                // (Bool "false" against a value other than true/false was false). AWS's own evaluator is
                // Java and reads a request boolean the way Boolean.parseBoolean does: "true" in any case
                // is true, anything else (" true" with blanks, "yes", "") is false — so Bool "false"
                // matches "yes". The request value is taken as sent (not stripped); the policy value is
                // strict true/false, checked when the policy loads.
                Boolean p = OracleValues.bool(policyValue);
                return p != null && p == Boolean.parseBoolean(v);
            }
            // "Binary condition operators": "compare ... to a base-64 encoded binary value".
            case "binaryequals" -> {
                byte[] p = OracleValues.base64(policyValue);
                return p != null && Arrays.equals(p, OracleValues.base64(v));
            }
            // "IP address condition operators": "value ... in the standard CIDR format".
            case "ipaddress", "notipaddress" -> {
                OracleValues.Block b = OracleValues.cidr(policyValue);
                return b != null && b.contains(OracleValues.ip(v));
            }
            // "Amazon Resource Name (ARN) condition operators": ArnEquals and ArnLike alike — "Case-sensitive
            // matching of the ARN. Each of the six colon-delimited components of the ARN is checked
            // separately and each can include multi-character match wildcards (*) or single-character match
            // wildcards (?)."
            case "arnequals", "arnlike", "arnnotequals", "arnnotlike" -> {
                List<Glob.Tok> t = substitute(policyValue, variables, true, ctx);
                if (t == null) {
                    return false;
                }
                List<List<Glob.Tok>> parts = splitSix(t);
                String[] req = OracleValues.arnParts(v);
                if (req == null) {
                    return false;
                }
                if (parts == null) {
                    // A pattern of fewer than six parts can match only through a "*" that "is the last
                    // character of a resource ARN segment" and so "can expand to match beyond the colon
                    // boundaries" (IAM JSON policy elements: Resource, "Using wildcards in resource ARNs").
                    return Glob.matches(t, v, false);
                }
                for (int i = 0; i < 6; i++) {
                    if (!Glob.matches(parts.get(i), req[i], false)) {
                        return false;
                    }
                }
                return true;
            }
            default -> throw new IllegalStateException(base);
        }
    }

    /** The six colon-separated parts of a policy ARN pattern; the sixth keeps its colons. Null if fewer than six. */
    static List<List<Glob.Tok>> splitSix(List<Glob.Tok> toks) {
        List<List<Glob.Tok>> parts = new ArrayList<>();
        List<Glob.Tok> cur = new ArrayList<>();
        for (Glob.Tok t : toks) {
            if (parts.size() < 5 && t.kind() == 'L' && t.ch() == ':') {
                parts.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        parts.add(cur);
        return parts.size() == 6 ? parts : null;
    }

    /** Whether a comparison result (null: a value the oracle cannot read, which matches nothing) satisfies the relation. */
    private static boolean holdsCmp(Integer c, String relation) {
        if (c == null) {
            return false;
        }
        return switch (relation) {
            case "==" -> c == 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalArgumentException(relation);
        };
    }

    /** The request value compared to the policy value, or null when either is not a number. */
    private static Integer cmpNumber(String request, String policy) {
        BigDecimal r = OracleValues.number(request);
        BigDecimal p = OracleValues.number(policy);
        if (r == null || p == null) {
            return null;
        }
        return r.compareTo(p);
    }

    /** The request value compared to the policy value, or null when either is not a date. */
    private static Integer cmpDate(String request, String policy) {
        Instant r = OracleValues.date(request);
        Instant p = OracleValues.date(policy);
        if (r == null || p == null) {
            return null;
        }
        return r.compareTo(p);
    }
}
