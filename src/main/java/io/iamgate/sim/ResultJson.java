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
        if (f.hint() != null) {
            o.put("hint", f.hint());
        }
        return o;
    }
}
