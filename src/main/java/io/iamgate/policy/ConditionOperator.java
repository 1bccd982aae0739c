package io.iamgate.policy;

import java.util.Locale;

/**
 * A parsed condition operator: {@code [ForAnyValue:|ForAllValues:]Base[IfExists]}. {@code text}
 * is the operator as written in the policy.
 */
public record ConditionOperator(String text, SetQualifier qualifier, BaseOperator base, boolean ifExists) {

    /** Parses an operator name; returns null if it is not one. */
    public static ConditionOperator parse(String text) {
        String rest = text;
        SetQualifier q = SetQualifier.NONE;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("foranyvalue:")) {
            q = SetQualifier.FOR_ANY_VALUE;
            rest = text.substring("foranyvalue:".length());
        } else if (lower.startsWith("forallvalues:")) {
            q = SetQualifier.FOR_ALL_VALUES;
            rest = text.substring("forallvalues:".length());
        }
        boolean ifExists = false;
        BaseOperator base = BaseOperator.lookup(rest);
        if (base == null && rest.toLowerCase(Locale.ROOT).endsWith("ifexists")) {
            base = BaseOperator.lookup(rest.substring(0, rest.length() - "ifexists".length()));
            ifExists = base != null;
        }
        if (base == null) {
            return null;
        }
        return new ConditionOperator(text, q, base, ifExists);
    }

    public OperatorFamily family() {
        return base.family();
    }
}
