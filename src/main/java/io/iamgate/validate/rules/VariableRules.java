package io.iamgate.validate.rules;

import io.iamgate.json.Position;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.OperatorFamily;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.Statement;
import io.iamgate.policy.Template;
import io.iamgate.validate.GlobalKeys;
import io.iamgate.validate.ServiceReference;

import java.util.Locale;

/** Checks of policy variables ({@code ${...}}) in Resource/NotResource and condition values and keys. */
final class VariableRules {
    private VariableRules() {
    }

    /**
     * MISSING_BRACE_IN_VARIABLE, VARIABLE_UNSUPPORTED_IN_VERSION, EMPTY_VARIABLE,
     * UNSUPPORTED_SPACE_IN_VARIABLE, MISSING_QUOTE_IN_VARIABLE, UNSUPPORTED_SYMBOL_IN_VARIABLE and
     * an unknown key (INVALID_GLOBAL_CONDITION_KEY / INVALID_SERVICE_CONDITION_KEY), in Resource and
     * String/Arn condition values.
     */
    static final class Variables implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            for (ResourceEntry r : s.resourceEntries()) {
                check(ctx, r.text(), r.position());
            }
        }

        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            OperatorFamily f = c.operator().family();
            if (f != OperatorFamily.STRING && f != OperatorFamily.ARN) {
                return; // the parser reports INVALID_VARIABLE_FOR_OPERATOR
            }
            for (ConditionValue v : c.values()) {
                check(ctx, v.text(), v.position());
            }
        }

        private void check(RuleContext ctx, String text, Position at) {
            int open = text.indexOf("${");
            if (open < 0) {
                return;
            }
            if (text.indexOf('}', open) < 0) {
                ctx.report(IssueCode.MISSING_BRACE_IN_VARIABLE, "the policy variable in \"" + text + "\" has no closing brace", at,
                        "Close it: ${" + text.substring(open + 2) + "}");
                return;
            }
            if (!ctx.doc().variablesEnabled()) {
                ctx.report(IssueCode.VARIABLE_UNSUPPORTED_IN_VERSION, "policy variables need Version 2012-10-17; under "
                        + (ctx.doc().version() == null ? "no Version" : ctx.doc().version()) + " \"" + text + "\" is literal text", at,
                        "Set \"Version\": \"2012-10-17\".");
                return;
            }
            for (Template.Part p : Template.parse(text, true).parts()) {
                if (!p.isVariable()) {
                    continue;
                }
                String body = p.text();
                String name = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
                if (name.isBlank()) {
                    ctx.report(IssueCode.EMPTY_VARIABLE, "empty policy variable in \"" + text + "\"", at, "Name a key, e.g. ${aws:username}.");
                    continue;
                }
                if (name.chars().anyMatch(Character::isWhitespace)) {
                    ctx.report(IssueCode.UNSUPPORTED_SPACE_IN_VARIABLE, "the policy variable ${" + body + "} has a space in its name", at,
                            "Write ${" + name.replaceAll("\\s", "") + (body.contains(",") ? body.substring(body.indexOf(',')) : "") + "}.");
                    continue;
                }
                if (!name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ":/_-.@".indexOf(ch) >= 0)) {
                    ctx.report(IssueCode.UNSUPPORTED_SYMBOL_IN_VARIABLE, "the policy variable ${" + body + "} has a symbol its name cannot have",
                            at, "Remove the symbol.");
                    continue;
                }
                if (body.contains(",")) {
                    String d = body.substring(body.indexOf(',') + 1).trim();
                    if (d.length() < 2 || !d.startsWith("'") || !d.endsWith("'")) {
                        ctx.report(IssueCode.MISSING_QUOTE_IN_VARIABLE, "the default of ${" + body + "} must be in single quotes", at,
                                "Write ${" + name.trim() + ", '" + d.replace("'", "") + "'}.");
                        continue;
                    }
                }
                ConditionKeyRules.KnownKey.check(ctx, p.key(), at);
            }
        }
    }

    /** VARIABLE_UNSUPPORTED_IN_ELEMENT: a variable in a condition key. */
    static final class VariableInConditionKey implements Rule {
        @Override
        public void condition(RuleContext ctx, Statement s, Condition c) {
            if (c.key().contains("${")) {
                ctx.report(IssueCode.VARIABLE_UNSUPPORTED_IN_ELEMENT, "policy variables are not supported in a condition key (\"" + c.key() + "\")",
                        c.keyPosition(), "Use variables only in Resource, NotResource and String or ARN condition values.");
            }
        }
    }

    static boolean knownGlobal(String key) {
        return GlobalKeys.type(key) != null;
    }

    static ServiceReference.Service service(RuleContext ctx, String key) {
        int colon = key.indexOf(':');
        return colon <= 0 ? null : ctx.reference().service(key.substring(0, colon).toLowerCase(Locale.ROOT));
    }
}
