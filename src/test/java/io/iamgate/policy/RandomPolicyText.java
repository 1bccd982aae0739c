package io.iamgate.policy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The skeleton the random policy generators share (compile.RandomPolicies, oracle.BoundaryPolicies):
 * policy text with a random Version and statements, each with an optional Sid, an Effect, Action or
 * NotAction, Resource or NotResource, and conditions (at most one per operator). A subclass chooses the
 * vocabularies, how a list of values is written and what a condition is; one seed gives one sequence.
 */
public abstract class RandomPolicyText {
    protected final Random r;
    private final String[] actions;
    private final String[] actionPatterns;
    private final String[] resourcePatterns;
    private final int conditionsBound;
    private final int versionsBound;
    private final int maxStatements;

    /**
     * @param conditionsBound a statement has {@code nextInt(conditionsBound)} conditions (before duplicates of an operator are dropped)
     * @param versionsBound   one in {@code versionsBound} policies has no Version, one Version 2008-10-17, the others 2012-10-17
     * @param maxStatements   a policy has 1 to {@code maxStatements} statements
     */
    protected RandomPolicyText(long seed, String[] actions, String[] actionPatterns, String[] resourcePatterns, int conditionsBound,
                               int versionsBound, int maxStatements) {
        this.r = new Random(seed);
        this.actions = actions;
        this.actionPatterns = actionPatterns;
        this.resourcePatterns = resourcePatterns;
        this.conditionsBound = conditionsBound;
        this.versionsBound = versionsBound;
        this.maxStatements = maxStatements;
    }

    public String pick(String[] a) {
        return a[r.nextInt(a.length)];
    }

    /** 1 to {@code max} values of {@code a} as a policy writes them (a JSON array, or a single string). */
    protected abstract String values(String[] a, int max);

    /** One {@code "Operator":{"key":values}} member. */
    protected abstract String condition();

    public String statement() {
        StringBuilder sb = new StringBuilder("{");
        if (r.nextInt(3) > 0) {
            sb.append("\"Sid\":\"S").append(r.nextInt(1000)).append("\",");
        }
        sb.append("\"Effect\":\"").append(r.nextInt(3) == 0 ? "Deny" : "Allow").append("\",");
        String[] actionChoices = r.nextBoolean() ? actions : actionPatterns;
        sb.append(r.nextInt(8) == 0 ? "\"NotAction\":" : "\"Action\":").append(values(actionChoices, 3)).append(',');
        sb.append(r.nextInt(8) == 0 ? "\"NotResource\":" : "\"Resource\":").append(values(resourcePatterns, 2));
        int nc = r.nextInt(conditionsBound);
        if (nc > 0) {
            sb.append(",\"Condition\":{");
            Set<String> ops = new HashSet<>();
            int written = 0;
            for (int i = 0; i < nc; i++) {
                String c = condition();
                if (ops.add(c.substring(0, c.indexOf("\":{")))) {
                    sb.append(written++ == 0 ? "" : ",").append(c);
                }
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    public String policy() {
        String version = switch (r.nextInt(versionsBound)) {
            case 0 -> "";
            case 1 -> "\"Version\":\"2008-10-17\",";
            default -> "\"Version\":\"2012-10-17\",";
        };
        int n = 1 + r.nextInt(maxStatements);
        StringBuilder sb = new StringBuilder("{").append(version).append("\"Statement\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(statement());
        }
        return sb.append("]}").toString();
    }
}
