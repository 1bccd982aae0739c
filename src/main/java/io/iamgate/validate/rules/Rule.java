package io.iamgate.validate.rules;

import io.iamgate.policy.Condition;
import io.iamgate.policy.Statement;

/**
 * One validation rule: a small class for one Access Analyzer check or a family of closely related
 * ones, registered in {@link Rules#ALL}. Rules see the parsed document (never the raw JSON) and
 * report through {@link RuleContext#report}, which drops findings whose catalogue scope excludes the
 * policy type being validated.
 */
public interface Rule {

    /** Once per document. */
    default void document(RuleContext ctx) {
    }

    /** Once per statement, in order. */
    default void statement(RuleContext ctx, Statement s) {
    }

    /** Once per operator–key pair of a statement's Condition. */
    default void condition(RuleContext ctx, Statement s, Condition c) {
    }
}
