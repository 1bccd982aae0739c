package io.iamgate.oracle;

import io.iamgate.eval.PolicySet;
import io.iamgate.eval.RequestContext;

/**
 * TEMPORARY: the categories where the compiled engine is known to disagree with AWS (issue 14) while
 * its fix lands on another branch. Each predicate names the issue rule; a disagreement outside them
 * fails the tests. Remove the entries once the compiled engine implements the rules.
 */
final class KnownDivergences {

    private KnownDivergences() {
    }

    /** The issue rule this request falls under, or null when the compiled engine must agree. */
    static String reason(PolicySet set, String action, String resource, RequestContext ctx) {
        return null;
    }
}
