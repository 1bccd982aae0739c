package io.iamgate.sim;

import io.iamgate.authz.InputLimits;
import io.iamgate.eval.ExplainMode;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.eval.PolicySet;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.Position;
import io.iamgate.policy.ActionEntry;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionValue;
import io.iamgate.policy.Finding;
import io.iamgate.policy.ProblemCode;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.Statement;
import io.iamgate.policy.Template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The work budget of one simulation ({@code POST /v1/simulate}, a line of {@code iamgate simulate}): an upper
 * bound of the work the requests will cost against the policies, computed from their sizes <em>before</em> any
 * request is evaluated, in O(statements + requests) — never by doing the work.
 *
 * <p>One work unit is about one step of the wildcard matcher. A statement costs every request a fixed
 * {@value #STATEMENT_UNITS} units plus its patterns: a wildcard pattern with {@code s} stars whose longest run
 * after a star is {@code m} tokens matches a value of length {@code v} in at most
 * {@code (v + s + 1) × (m + 2) + length} steps ({@link io.iamgate.match.WildcardPattern}'s single back-track point
 * only moves forward), a pattern without {@code *} in at most {@code v + 1}. A policy variable counts as the longest
 * value the requests could substitute for it, and is resolved once per comparison. Conditions cost per request
 * value of their key times policy value. With an explanation, its size in bytes is bounded the same way and held
 * against the response limit.
 *
 * <p>The other half of the bound is {@link ResponseLimit}: results are written one at a time and the call stops
 * when the response would exceed {@code maxResponseBytes}, so neither CPU nor memory grows with what a 1 MiB body
 * can ask for.
 */
public record SimulationBudget(long maxWork, long maxResponseBytes) {
    /** About 0.2-0.6 s of one core for a worst-case body at the limit; 20 policies of 40 statements x 1,000 requests fit. */
    public static final long DEFAULT_MAX_WORK = 200_000_000L;
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 8L << 20;
    public static final SimulationBudget DEFAULTS = new SimulationBudget(DEFAULT_MAX_WORK, DEFAULT_MAX_RESPONSE_BYTES);

    static final int STATEMENT_UNITS = 16;
    static final int CONDITION_UNITS = 8;
    static final int REQUEST_UNITS = 64;

    public SimulationBudget {
        if (maxWork <= 0 || maxResponseBytes <= 0) {
            throw new IllegalArgumentException("simulation limits must be positive");
        }
    }

    /**
     * The bound for one simulation: {@code work} units, the explanation's size in bytes (0 without one), and
     * the statement that costs most (its pointer and units), for the problem document.
     */
    public record Estimate(long work, long explanationBytes, String costliestPointer, long costliestUnits) {
    }

    /** Refuses (400 problem, code {@code WORK_BUDGET_EXCEEDED}) a simulation whose bound exceeds this budget. */
    public void check(PolicySet policies, List<Request> requests, ExplainMode explain) throws InputException {
        Estimate e = estimate(policies, requests, explain);
        if (e.work() > maxWork) {
            String where = e.costliestPointer() == null ? "" : "; the costliest statement (" + e.costliestUnits() + " units) is at "
                    + e.costliestPointer();
            throw refusal("this simulation may cost up to " + e.work() + " work units (" + count(policies) + " policies x "
                    + requests.size() + " requests, weighted by pattern and value lengths); the limit is " + maxWork
                    + " (iamgate.simulate.max-work)" + where + ": send fewer requests per call or simpler patterns", e.costliestPointer());
        }
        if (e.explanationBytes() > maxResponseBytes) {
            throw new InputException(List.of(Finding.blocking(ProblemCode.RESPONSE_TOO_LARGE, "the explanation of this simulation may take up to "
                    + e.explanationBytes() + " bytes; the limit is " + maxResponseBytes
                    + " (iamgate.simulate.max-response-bytes): send fewer requests per call or ask for explain=relevant or none",
                    new Position(0, 0, "/requests"), null)));
        }
    }

    private static InputException refusal(String message, String pointer) {
        return new InputException(List.of(Finding.blocking(ProblemCode.WORK_BUDGET_EXCEEDED, message,
                new Position(0, 0, pointer == null ? "/requests" : pointer), null)));
    }

    private static int count(PolicySet s) {
        return s.identity().size() + s.boundary().size() + s.guardrails().size();
    }

    /** Caps the response: results are added one at a time, and the call stops once they exceed the limit. */
    public ResponseLimit responseLimit() {
        return new ResponseLimit(maxResponseBytes);
    }

    /** Counts the bytes written so far; {@link #add} throws once they exceed the limit. */
    public static final class ResponseLimit {
        private final long max;
        private long bytes;

        ResponseLimit(long max) {
            this.max = max;
        }

        /** Counts one result of {@code length} characters (request {@code index}); throws when the total is over the limit. */
        public void add(int index, long length) throws InputException {
            bytes += length + 1;
            if (bytes > max) {
                throw new InputException(List.of(Finding.blocking(ProblemCode.RESPONSE_TOO_LARGE, "the results up to request " + index + " take "
                        + bytes + " bytes; the limit is " + max + " (iamgate.simulate.max-response-bytes): send fewer requests per call",
                        new Position(0, 0, "/requests/" + index), null)));
            }
        }
    }

    /** The per-key totals of the requests' context values, and the other request sizes the bound needs. */
    private static final class Totals {
        long requests;
        long actionChars;
        long resourceChars;
        /** The longest single context value: what a policy variable may expand to. */
        long longestValue;
        final Map<String, long[]> keys = new HashMap<>(); // lower key -> {values, chars}

        /** Requests whose context is not a {@link RequestContext}: every key counts at its input limits. */
        long opaque;

        long[] key(String lowerKey) {
            long[] k = keys.get(lowerKey);
            k = k == null ? ZERO : k;
            if (opaque == 0) {
                return k;
            }
            long values = mul(opaque, InputLimits.MAX_CONTEXT_VALUES_PER_KEY);
            return new long[] {add(k[0], values), add(k[1], mul(values, InputLimits.MAX_CONTEXT_VALUE))};
        }
    }

    private static final long[] ZERO = {0, 0};

    /** The bound, in O(statements + requests + context values). */
    public static Estimate estimate(PolicySet policies, List<Request> requests, ExplainMode explain) {
        Totals t = new Totals();
        long work = 0;
        for (Request r : requests) {
            t.requests++;
            t.actionChars += r.action().length();
            t.resourceChars += r.resource().length();
            work = add(work, REQUEST_UNITS + r.action().length() + r.resource().length());
            if (!(r.context() instanceof RequestContext context)) { // not a plain context: assume the largest the input limits allow
                t.opaque++;
                t.longestValue = Math.max(t.longestValue, InputLimits.MAX_CONTEXT_VALUE);
                continue;
            }
            for (Map.Entry<String, RequestContext.Entry> e : context.entries().entrySet()) {
                RequestContext.Entry entry = e.getValue();
                long[] k = t.keys.computeIfAbsent(e.getKey(), x -> new long[2]);
                for (int i = 0; i < entry.size(); i++) {
                    int len = entry.value(i).length();
                    k[0]++;
                    k[1] += len;
                    t.longestValue = Math.max(t.longestValue, len);
                    work = add(work, len + 1);
                }
            }
        }
        long explanation = 0;
        String costliest = null;
        long costliestUnits = -1;
        for (List<NamedPolicy> group : List.of(policies.identity(), policies.boundary(), policies.guardrails())) {
            for (NamedPolicy p : group) {
                for (Statement s : p.document().statements()) {
                    long units = statement(s, t);
                    work = add(work, units);
                    if (units > costliestUnits) {
                        costliestUnits = units;
                        costliest = s.position() == null ? null : s.position().pointer();
                    }
                    if (explain != ExplainMode.OFF) {
                        explanation = add(explanation, explanation(s, p, t));
                    }
                }
            }
        }
        return new Estimate(work, explanation, costliest == null || costliest.isEmpty() ? null : costliest, Math.max(costliestUnits, 0));
    }

    /** The units one statement costs all requests together. */
    static long statement(Statement s, Totals t) {
        long n = t.requests;
        long units = mul(n, STATEMENT_UNITS);
        for (ActionEntry a : s.actionEntries()) {
            units = add(units, glob(Shape.of(a.pattern().toString()), t.actionChars, n));
        }
        for (ResourceEntry r : s.resourceEntries()) {
            Shape shape = Shape.of(r.template(), t.longestValue);
            units = add(units, glob(shape, t.resourceChars, n));
            units = add(units, add(t.resourceChars, shape.resolveCost(n))); // colon scan of the value, resolution
        }
        for (Condition c : s.conditions()) {
            long[] k = t.key(c.lowerKey());
            units = add(units, mul(n, CONDITION_UNITS));
            for (ConditionValue v : c.values()) {
                Template tp = v.template();
                if (tp == null) { // numbers, dates, flags, CIDRs, bytes: compared in constant time after one parse per value
                    units = add(units, add(k[1], k[0]));
                    continue;
                }
                Shape shape = Shape.of(tp, t.longestValue);
                units = add(units, add(glob(shape, k[1], k[0]), add(k[1], shape.resolveCost(k[0]))));
            }
        }
        return units;
    }

    /** An upper bound of the bytes one statement's traces add to the explanation of every request. */
    static long explanation(Statement s, NamedPolicy p, Totals t) {
        long n = t.requests;
        long perRequest = 256 + 2L * (p.name().length() + (s.sid() == null ? 0 : s.sid().length()) + (p.file() == null ? 0 : p.file().length()));
        long bytes = add(mul(n, perRequest), mul(2, add(t.actionChars, t.resourceChars)));
        for (Condition c : s.conditions()) {
            long[] k = t.key(c.lowerKey());
            long written = 0;
            long resolved = 0;
            for (ConditionValue v : c.values()) {
                written += v.text().length() + 16;
                resolved += v.template() == null ? 0 : Shape.of(v.template(), t.longestValue).length + 16;
            }
            // the request's values and the policy's (written and resolved) appear in the trace and again in its text
            long perCondition = 2L * (c.operator().text().length() + c.key().length() + written + resolved) + 160;
            bytes = add(bytes, add(mul(n, perCondition), mul(2, add(k[1], mul(k[0], 8)))));
        }
        return bytes;
    }

    /**
     * A pattern's length, its stars and its longest run without a star that follows a star (the text before the first
     * star is matched once, never back-tracked into); a policy variable counts as its longest value.
     */
    record Shape(long length, long stars, long longestRun, long variables) {
        static Shape of(String glob) {
            long stars = 0;
            long run = 0;
            long longest = 0;
            for (int i = 0; i < glob.length(); i++) {
                if (glob.charAt(i) == '*') {
                    stars++;
                    run = 0;
                } else if (stars > 0) {
                    longest = Math.max(longest, ++run);
                }
            }
            return new Shape(glob.length(), stars, longest, 0);
        }

        static Shape of(Template t, long longestValue) {
            long length = 0;
            long stars = 0;
            long run = 0;
            long longest = 0;
            long variables = 0;
            for (Template.Part part : t.parts()) {
                if (part.isVariable()) {
                    long len = Math.max(longestValue, part.defaultValue() == null ? 0 : part.defaultValue().length());
                    variables++;
                    length += len;
                    run += len; // substituted text is literal: it never ends a run
                    longest = stars > 0 ? Math.max(longest, run) : longest;
                } else if (part.escape()) {
                    length++;
                    run++;
                    longest = stars > 0 ? Math.max(longest, run) : longest;
                } else {
                    String text = part.text();
                    length += text.length();
                    for (int i = 0; i < text.length(); i++) {
                        if (text.charAt(i) == '*') {
                            stars++;
                            run = 0;
                        } else if (stars > 0) {
                            longest = Math.max(longest, ++run);
                        }
                    }
                }
            }
            return new Shape(length, stars, longest, variables);
        }

        /** Resolving the template (once per comparison) for {@code n} comparisons. */
        long resolveCost(long n) {
            return variables == 0 ? 0 : mul(n, length + 1);
        }
    }

    /** The bound of one match of {@code glob} (every {@code *} a wildcard) against a value of {@code valueLength} characters. */
    public static long matchBound(String glob, long valueLength) {
        return glob(Shape.of(glob), valueLength, 1);
    }

    /** Units of {@code n} matches of a pattern of this shape against values of {@code chars} characters in all. */
    static long glob(Shape p, long chars, long n) {
        if (n == 0) {
            return 0;
        }
        if (p.stars() == 0) {
            return add(chars, n);
        }
        return add(mul(add(chars, mul(n, p.stars() + 1)), p.longestRun() + 2), mul(n, p.length()));
    }

    static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
    }
}
