package io.iamgate.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.compile.Explain;
import io.iamgate.eval.ConditionTrace;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.eval.StatementTrace;
import io.iamgate.policy.Finding;

import java.util.List;

/**
 * The one JSON shape of a decision, shared by the API and the CLI so both print the same thing.
 * Built as a Jackson tree (no reflection), which also keeps it native-image friendly.
 */
public final class ResultJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ResultJson() {
    }

    /**
     * The same JSON as {@link #result} plus {@code revision}, written directly (the sidecar's hot path;
     * a test checks both agree). A result with an explanation (never on the hot path) goes through the tree.
     */
    public static String write(EvaluationResult r, String revision) {
        io.iamgate.json.JsonWriter w = WRITERS.get();
        String json = write(w.reset(), r, revision).toString();
        if (w.capacity() > 1 << 16) {
            WRITERS.remove(); // an explanation grew it: do not keep a large buffer per thread
        }
        return json;
    }

    /**
     * The same JSON as {@link #write(EvaluationResult, String)}, as UTF-8 in this thread's buffer: valid until
     * this thread's next call (the buffer's {@link io.iamgate.json.Utf8Buffer#stamp} tells). No String is made.
     */
    public static io.iamgate.json.Utf8Buffer utf8(EvaluationResult r, String revision) {
        if (r.explanation().isEmpty()) {
            io.iamgate.json.Utf8Buffer out = direct(BYTES.get().clear(), r, revision);
            if (out.capacity() > 1 << 18) {
                BYTES.remove();
            }
            return out;
        }
        io.iamgate.json.JsonWriter w = WRITERS.get();
        io.iamgate.json.Utf8Buffer out = write(w.reset(), r, revision).encodeTo(BYTES.get());
        if (w.capacity() > 1 << 16 || out.capacity() > 1 << 18) { // an explanation grew them: do not keep large buffers per thread
            WRITERS.remove();
            BYTES.remove(); // whoever holds this buffer keeps it; this thread starts a new one
        }
        return out;
    }

    /**
     * A verdict's response (the hot path: a decision without explanation) as UTF-8 in this thread's buffer, as
     * {@link #utf8(EvaluationResult, String)} writes its result: valid until this thread's next call. No String is made.
     */
    public static io.iamgate.json.Utf8Buffer utf8(io.iamgate.eval.Verdict v, String revision) {
        io.iamgate.json.Utf8Buffer out = direct(BYTES.get().clear(), v, revision);
        if (out.capacity() > 1 << 18) {
            BYTES.remove();
        }
        return out;
    }

    /**
     * The same bytes as {@link #write(io.iamgate.json.JsonWriter, EvaluationResult, String)} encoded, written straight
     * as UTF-8: the constant parts as pre-encoded fragments (the head per decision, each matched statement's object
     * once per statement), only the reason, missing keys and revision escaped per response.
     */
    private static io.iamgate.json.Utf8Buffer direct(io.iamgate.json.Utf8Buffer out, io.iamgate.eval.DecisionView r, String revision) {
        out.append(HEADS[r.decision().ordinal()]);
        String lead = r.reasonLead();
        if (lead != null) {
            if (out.appendStringAfter(constant(lead), lead, r.reasonAction(), " on ", r.reasonResource()) == null) {
                out.appendString(lead, r.reasonAction(), " on ", r.reasonResource());
            }
        } else {
            String reason = r.reason();
            if (reason == null) {
                out.append(NULL);
            } else if (r.decision() == io.iamgate.eval.Decision.ALLOW) { // a statement's constant reason
                out.append('"').append(constant(reason)).append('"');
            } else {
                out.appendString(reason);
            }
        }
        out.append(MATCHED);
        int matched = r.matchedCount();
        for (int i = 0; i < matched; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(fragment(r.matched(i)));
        }
        Tail tail = tail(revision);
        int missing = r.missingCount();
        if (missing == 0) { // the common case: the rest of the answer is one pre-encoded fragment per revision
            return out.append(tail.afterStatements());
        }
        out.append(MISSING);
        for (int i = 0; i < missing; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.appendString(r.missing(i));
        }
        return out.append(tail.afterKeys());
    }

    /**
     * The end of an answer for one revision, pre-encoded: after the matched statements when no key is missing
     * ({@code ],"missingContextKeys":[],"revision":"R"}}), and after the missing keys ({@code ],"revision":"R"}}).
     */
    private record Tail(String revision, byte[] afterStatements, byte[] afterKeys) {
    }

    /** The last revision's tail (a snapshot's revision is one String for all its decisions); a miss encodes again. */
    private static volatile Tail lastTail;

    private static Tail tail(String revision) {
        Tail t = lastTail;
        if (t == null || t.revision() != revision) {
            lastTail = t = encodeTail(revision);
        }
        return t;
    }

    private static Tail encodeTail(String revision) {
        io.iamgate.json.Utf8Buffer keys = new io.iamgate.json.Utf8Buffer(64).append(']');
        if (revision != null) {
            keys.append(REVISION).appendString(revision);
        }
        byte[] afterKeys = keys.append('}').copy();
        byte[] afterStatements = new io.iamgate.json.Utf8Buffer(64).append(MISSING).append(afterKeys).copy();
        return new Tail(revision, afterStatements, afterKeys);
    }

    /**
     * Pre-encoded constants, by the String's instance: a compiled statement's reasons (made once, when its plan
     * is compiled), the implicit-deny leads, a bundle's revision. A miss encodes the text again, so only texts that
     * recur (never a caller's text) go here.
     */
    private static final io.iamgate.memo.IdentityTable<String, byte[]> CONSTANTS = new io.iamgate.memo.IdentityTable<>(1024);

    /** A constant String's escaped UTF-8 (no quotes). */
    private static byte[] constant(String text) {
        return CONSTANTS.get(text, ResultJson::escaped);
    }

    private static byte[] escaped(String text) {
        byte[] quoted = new io.iamgate.json.Utf8Buffer(text.length() * 3 + 8).appendString(text).copy();
        return java.util.Arrays.copyOfRange(quoted, 1, quoted.length - 1);
    }

    private static final byte[][] HEADS = heads();
    private static final byte[] NULL = ascii("null");
    private static final byte[] MATCHED = ascii(",\"matchedStatements\":[");
    private static final byte[] MISSING = ascii("],\"missingContextKeys\":[");
    private static final byte[] REVISION = ascii(",\"revision\":");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Per decision: {@code {"decision":"D","allowed":B,"reason":}. */
    private static byte[][] heads() {
        io.iamgate.eval.Decision[] ds = io.iamgate.eval.Decision.values();
        byte[][] h = new byte[ds.length][];
        for (io.iamgate.eval.Decision d : ds) {
            String head = new io.iamgate.json.JsonWriter(64).begin().field("decision", d.name()).field("allowed", d.allowed()).field("reason", "").toString();
            h[d.ordinal()] = ascii(head.substring(0, head.length() - 2));
        }
        return h;
    }

    /** Matched statements' pre-encoded objects, by identity (statements are made once, when a plan is compiled). */
    private static final io.iamgate.memo.IdentityTable<MatchedStatement, byte[]> FRAGMENTS = new io.iamgate.memo.IdentityTable<>(4096);

    private static byte[] fragment(MatchedStatement m) {
        return FRAGMENTS.get(m, s -> ascii(statement(new io.iamgate.json.JsonWriter(256), s).toString()));
    }

    /** One matched statement as a JSON object (the text writer's and the pre-encoded fragments' one shape). */
    private static io.iamgate.json.JsonWriter statement(io.iamgate.json.JsonWriter w, MatchedStatement m) {
        w.begin()
                .field("policy", m.policy())
                .field("policyType", m.policyType().wireName())
                .field("sid", m.sid())
                .field("effect", m.effect().name())
                .field("statementIndex", m.statementIndex());
        if (m.file() != null) {
            w.field("file", m.file());
        }
        return w.field("line", m.line()).field("column", m.column()).end();
    }

    private static final ThreadLocal<io.iamgate.json.Utf8Buffer> BYTES = ThreadLocal.withInitial(() -> new io.iamgate.json.Utf8Buffer(2048));

    /** One writer per thread (event-loop threads decide many requests): a response allocates only its text. */
    private static final ThreadLocal<io.iamgate.json.JsonWriter> WRITERS = ThreadLocal.withInitial(() -> new io.iamgate.json.JsonWriter(1024));

    /**
     * Writes the result object into {@code w} (as a value where {@code w} expects one: a batch's array element).
     * A result with an explanation (never on the hot path) goes through the tree.
     */
    public static io.iamgate.json.JsonWriter write(io.iamgate.json.JsonWriter w, EvaluationResult r, String revision) {
        if (!r.explanation().isEmpty()) {
            ObjectNode o = result(r);
            if (revision != null) {
                o.put("revision", revision);
            }
            return w.raw(o.toString());
        }
        w.begin()
                .field("decision", r.decision().name())
                .field("allowed", r.allowed());
        if (r.reasonLead() != null) { // a deny's reason, written from its parts (no joined String)
            w.field("reason", r.reasonLead(), r.reasonAction(), " on ", r.reasonResource());
        } else {
            w.field("reason", r.reason());
        }
        w.array("matchedStatements");
        List<MatchedStatement> ms = r.matchedStatements();
        for (int i = 0; i < ms.size(); i++) { // indexed: no iterator per response
            statement(w.element(), ms.get(i));
        }
        w.endArray().array("missingContextKeys");
        List<String> missing = r.missingContextKeys();
        for (int i = 0; i < missing.size(); i++) {
            w.value(missing.get(i));
        }
        w.endArray();
        if (revision != null) {
            w.field("revision", revision);
        }
        return w.end();
    }

    public static ObjectNode result(EvaluationResult r) {
        ObjectNode o = F.objectNode();
        o.put("decision", r.decision().name());
        o.put("allowed", r.allowed());
        o.put("reason", r.reason());
        ArrayNode ms = o.putArray("matchedStatements");
        for (MatchedStatement m : r.matchedStatements()) {
            statement(ms.addObject(), m);
        }
        ArrayNode missing = o.putArray("missingContextKeys");
        r.missingContextKeys().forEach(missing::add);
        if (!r.explanation().isEmpty()) {
            o.set("explanation", explanation(r.explanation()));
        }
        return o;
    }

    /**
     * The {@code explanation} array: per statement its identity and place ({@code file}, {@code line},
     * {@code column}), {@code matched}, the part that failed ({@code failed}: action, resource or
     * condition) with {@code detail} in words, and when the action and resource matched, {@code conditions}
     * with the request's values and the policy's values after substitution.
     */
    public static ArrayNode explanation(List<StatementTrace> traces) {
        ArrayNode ex = F.arrayNode();
        for (StatementTrace t : traces) {
            ObjectNode s = statement(ex.addObject(), t.statement());
            s.put("matched", t.matched());
            if (!t.matched()) {
                s.put("failed", t.mismatch().part().wireName());
                s.put("detail", Explain.detail(t.mismatch()));
            }
            if (!t.conditions().isEmpty()) {
                ArrayNode cs = s.putArray("conditions");
                for (ConditionTrace c : t.conditions()) {
                    condition(cs.addObject(), c);
                }
            }
        }
        return ex;
    }

    private static void condition(ObjectNode o, ConditionTrace c) {
        o.put("operator", c.operator());
        o.put("key", c.key());
        o.put("present", c.present());
        ArrayNode rv = o.putArray("requestValues");
        c.requestValues().forEach(rv::add);
        ArrayNode pv = o.putArray("policyValues");
        for (ConditionTrace.PolicyValue v : c.policyValues()) {
            ObjectNode p = pv.addObject();
            p.put("value", v.written());
            if (v.hasVariables()) {
                if (v.resolved() == null) {
                    p.putNull("resolved");
                } else {
                    p.put("resolved", v.resolved());
                }
            }
        }
        o.put("result", c.result());
        o.put("text", Explain.condition(c));
    }

    private static ObjectNode statement(ObjectNode s, MatchedStatement m) {
        s.put("policy", m.policy());
        s.put("policyType", m.policyType().wireName());
        if (m.sid() == null) {
            s.putNull("sid");
        } else {
            s.put("sid", m.sid());
        }
        s.put("effect", m.effect().name());
        s.put("statementIndex", m.statementIndex());
        if (m.file() != null) {
            s.put("file", m.file());
        }
        s.put("line", m.line());
        s.put("column", m.column());
        return s;
    }

    public static ArrayNode findings(List<Finding> findings) {
        ArrayNode a = F.arrayNode();
        for (Finding f : findings) {
            a.add(finding(f));
        }
        return a;
    }

    public static ObjectNode finding(Finding f) {
        ObjectNode o = F.objectNode();
        o.put("severity", f.severity().name());
        o.put("code", f.code());
        o.put("message", f.message());
        o.put("line", f.line());
        o.put("column", f.column());
        o.put("pointer", f.pointer());
        o.put("blocking", f.blocking());
        if (f.hint() != null) {
            o.put("hint", f.hint());
        }
        io.iamgate.policy.IssueCode code = io.iamgate.policy.IssueCode.find(f.code());
        if (code != null && code.documentation() != null) {
            o.put("documentation", code.documentation());
        }
        return o;
    }
}
