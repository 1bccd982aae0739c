package io.iamgate.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
     * a test checks both agree).
     */
    public static String write(EvaluationResult r, String revision) {
        io.iamgate.json.JsonWriter w = WRITERS.get();
        String json = write(w.reset(), r, revision).toString();
        if (w.capacity() > 1 << 16) {
            WRITERS.remove(); // an explanation grew it: do not keep a large buffer per thread
        }
        return json;
    }

    /** One writer per thread (event-loop threads decide many requests): a response allocates only its text. */
    private static final ThreadLocal<io.iamgate.json.JsonWriter> WRITERS = ThreadLocal.withInitial(() -> new io.iamgate.json.JsonWriter(1024));

    /** Writes the result object into {@code w} (as a value where {@code w} expects one: a batch's array element). */
    public static io.iamgate.json.JsonWriter write(io.iamgate.json.JsonWriter w, EvaluationResult r, String revision) {
        w.begin()
                .field("decision", r.decision().name())
                .field("allowed", r.allowed())
                .field("reason", r.reason())
                .array("matchedStatements");
        for (MatchedStatement m : r.matchedStatements()) {
            w.element().begin()
                    .field("policy", m.policy())
                    .field("policyType", m.policyType())
                    .field("sid", m.sid())
                    .field("effect", m.effect())
                    .field("statementIndex", m.statementIndex())
                    .field("line", m.line())
                    .field("column", m.column())
                    .end();
        }
        w.endArray().array("missingContextKeys");
        for (String k : r.missingContextKeys()) {
            w.value(k);
        }
        w.endArray();
        if (!r.explanation().isEmpty()) {
            w.array("explanation");
            for (StatementTrace t : r.explanation()) {
                w.element().begin()
                        .field("policy", t.policy())
                        .field("policyType", t.policyType())
                        .field("sid", t.sid())
                        .field("effect", t.effect())
                        .field("statementIndex", t.statementIndex())
                        .field("matched", t.matched());
                if (t.failed() != null) {
                    w.field("failed", t.failed()).field("detail", t.detail());
                }
                w.end();
            }
            w.endArray();
        }
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
            ObjectNode s = ms.addObject();
            s.put("policy", m.policy());
            s.put("policyType", m.policyType());
            if (m.sid() == null) {
                s.putNull("sid");
            } else {
                s.put("sid", m.sid());
            }
            s.put("effect", m.effect());
            s.put("statementIndex", m.statementIndex());
            s.put("line", m.line());
            s.put("column", m.column());
        }
        ArrayNode missing = o.putArray("missingContextKeys");
        r.missingContextKeys().forEach(missing::add);
        if (!r.explanation().isEmpty()) {
            ArrayNode ex = o.putArray("explanation");
            for (StatementTrace t : r.explanation()) {
                ObjectNode s = ex.addObject();
                s.put("policy", t.policy());
                s.put("policyType", t.policyType());
                if (t.sid() == null) {
                    s.putNull("sid");
                } else {
                    s.put("sid", t.sid());
                }
                s.put("effect", t.effect());
                s.put("statementIndex", t.statementIndex());
                s.put("matched", t.matched());
                if (t.failed() != null) {
                    s.put("failed", t.failed());
                    s.put("detail", t.detail());
                }
            }
        }
        return o;
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
