package io.iamgate.compile;

import io.iamgate.eval.ConditionTrace;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.Mismatch;
import io.iamgate.eval.StatementTrace;

import java.util.List;

/**
 * The words of a decision: the reason sentence, how a statement is named in it, and the text form of
 * an explanation. No evaluation logic lives here; the compiled plan decides and this only phrases the
 * outcome.
 */
public final class Explain {

    /** Which policy group left an implicit deny: no identity Allow, no boundary Allow, no guardrail Allow. */
    public enum ImplicitCause { IDENTITY, BOUNDARY, GUARDRAILS }

    private Explain() {
    }

    public static String allowed(String deciderDescribed) {
        return "allowed by " + deciderDescribed;
    }

    public static String explicitDeny(String deciderDescribed, String action, String resource) {
        return explicitDenyLead(deciderDescribed) + action + " on " + resource;
    }

    /** What an explicit deny's reason says before {@code ACTION on RESOURCE}. */
    public static String explicitDenyLead(String deciderDescribed) {
        return "explicitly denied by " + deciderDescribed + " for ";
    }

    public static String implicitDeny(ImplicitCause cause, String action, String resource) {
        return implicitDenyLead(cause) + action + " on " + resource;
    }

    /** What an implicit deny's reason says before {@code ACTION on RESOURCE} (a constant per cause). */
    public static String implicitDenyLead(ImplicitCause cause) {
        return switch (cause) {
            case GUARDRAILS -> "no guardrail allows ";
            case BOUNDARY -> "the permissions boundary does not allow ";
            case IDENTITY -> "no identity policy allows ";
        };
    }

    /** "identity policy 'p' statement 'Sid'" (or "#index" without a Sid). */
    public static String describe(MatchedStatement m) {
        return m.policyType().phrase() + " '" + m.policy() + "' statement " + (m.sid() != null ? "'" + m.sid() + "'" : "#" + m.statementIndex());
    }

    /**
     * What failed, in words: "not in Action", "listed in NotResource", or a condition with its values
     * ({@link #condition}); null for a statement that matched.
     */
    public static String detail(Mismatch m) {
        if (m == null) {
            return null;
        }
        if (m instanceof Mismatch.Action a) {
            return a.notAction() ? "listed in NotAction" : "not in Action";
        }
        if (m instanceof Mismatch.Resource r) {
            return r.notResource() ? "listed in NotResource" : "not in Resource";
        }
        return condition(((Mismatch.Condition) m).condition());
    }

    /**
     * One condition with its values: {@code StringEquals aws:ResourceTag/owner=AROA…:bob ≠ ${aws:userid}→AROA…:alice}.
     * The request's value(s) follow the key ({@code (absent)} when it has none, {@code [a, b]} when sent as
     * a list); each policy value with a variable shows its substitution ({@code →(no value)} when the variable
     * has none); {@code ≠} means the condition is false for these values, {@code =} that it holds.
     */
    public static String condition(ConditionTrace c) {
        StringBuilder b = new StringBuilder(c.operator()).append(' ').append(c.key());
        if (!c.present()) {
            b.append(" (absent)");
        } else {
            b.append('=');
            list(b, c.requestValues(), c.multivalued());
        }
        b.append(c.result() ? " = " : " ≠ ");
        List<ConditionTrace.PolicyValue> pv = c.policyValues();
        if (pv.size() != 1) {
            b.append('[');
        }
        for (int i = 0; i < pv.size(); i++) {
            ConditionTrace.PolicyValue v = pv.get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(v.written());
            if (v.hasVariables()) {
                b.append('→').append(v.resolved() == null ? "(no value)" : v.resolved());
            }
        }
        if (pv.size() != 1) {
            b.append(']');
        }
        return b.toString();
    }

    /**
     * One statement of an explanation as a line: {@code policies/p.json:4:5 identity policy 'p' statement 'S'
     * (Allow): condition StringEquals …}, or {@code …: matched}.
     */
    public static String text(StatementTrace t) {
        MatchedStatement m = t.statement();
        String head = m.location() + " " + describe(m) + " (" + m.effect() + "): ";
        return t.matched() ? head + "matched" : head + t.mismatch().part().wireName() + " " + detail(t.mismatch());
    }

    /** A whole explanation, one line per statement. */
    public static String text(List<StatementTrace> traces) {
        StringBuilder b = new StringBuilder();
        for (StatementTrace t : traces) {
            b.append(text(t)).append('\n');
        }
        return b.toString();
    }

    private static void list(StringBuilder b, List<String> values, boolean brackets) {
        if (brackets) {
            b.append('[');
        }
        b.append(String.join(", ", values));
        if (brackets) {
            b.append(']');
        }
    }
}
