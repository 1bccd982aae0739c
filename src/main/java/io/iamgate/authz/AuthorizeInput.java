package io.iamgate.authz;

import io.iamgate.policy.ProblemCode;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonNode;
import io.iamgate.json.Position;
import io.iamgate.policy.Cidr;
import io.iamgate.policy.Values;
import io.iamgate.sim.InputException;
import io.iamgate.sim.JsonInput;
import io.iamgate.validate.KeyType;
import io.iamgate.validate.KeyTypes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an authorize body strictly: {@code {principal: {arn, sessionTags?} | "ARN", action, resource?,
 * context?}}. Unknown fields, wrong types, non-ARN principals, actions that are not
 * {@code service:Name}, context values of the wrong type for typed global keys ({@code aws:SourceIp},
 * {@code aws:CurrentTime}, …) and keys the sidecar derives itself (no spoofing) are errors with a
 * pointer each.
 */
public final class AuthorizeInput {
    private static final Set<String> FIELDS = Set.of("principal", "action", "resource", "context");
    private static final Set<String> PRINCIPAL_FIELDS = Set.of("arn", "sessionTags");
    /** Keys iamgate derives from the caller; a request may not send them. */
    static final Set<String> DERIVED = Set.of("aws:userid", "aws:username", "aws:principalarn", "aws:principalaccount", "aws:principaltype");

    private AuthorizeInput() {
    }

    public static AuthorizeRequest parse(JsonNode node) throws InputException {
        return parse(node, KeyTypes.REFERENCE);
    }

    /** The request in {@code node}, wrongly typed values judged by {@code types} (a bundle's: {@code Bundle.keyTypes()}). */
    public static AuthorizeRequest parse(JsonNode node, KeyTypes types) throws InputException {
        JsonInput in = new JsonInput();
        AuthorizeRequest r = parse(node, in, types);
        in.throwIfAny();
        return r;
    }

    /** Parses into {@code in}'s error list; returns null when it has errors. */
    public static AuthorizeRequest parse(JsonNode node, JsonInput in) {
        return parse(node, in, KeyTypes.REFERENCE);
    }

    /** Parses into {@code in}'s error list, value types by {@code types}; returns null when it has errors. */
    public static AuthorizeRequest parse(JsonNode node, JsonInput in, KeyTypes types) {
        int before = in.errors().size();
        JsonNode.Obj o = in.object(node, "an authorize request");
        if (o == null) {
            return null;
        }
        in.onlyKnownFields(o, FIELDS, "an authorize request");
        if (!InputLimits.check(o, in)) {
            return null; // nothing over a limit is read, looked up or echoed
        }
        Principal who = principal(o, in);
        String action = in.string(o, "action", null);
        if (action != null && !validAction(action)) {
            in.error(ProblemCode.INVALID_ACTION, "\"action\" must be one action, service:Name without wildcards, not \"" + action + "\"", o.get("action").position());
        }
        String resource = in.string(o, "resource", "*");
        if (resource != null && !resource.equals("*") && !io.iamgate.match.ArnMatcher.looksLikeArn(resource)) {
            in.error(ProblemCode.INVALID_RESOURCE, "\"resource\" must be \"*\" or an ARN (arn:partition:service:region:account:resource), not \""
                    + resource + "\"", o.get("resource").position());
        }
        RequestContext ctx = context(o, in, types);
        if (in.errors().size() > before) {
            return null;
        }
        return new AuthorizeRequest(who.arn(), who.sessionTags(), action, resource, ctx);
    }

    /** The caller of an authorize-shaped body: its ARN (null when missing or invalid) and session tags. */
    public record Principal(String arn, Map<String, String> sessionTags) {
    }

    /**
     * Reads {@code principal} ({@code {arn, sessionTags?}} or an ARN string) of an authorize-shaped object
     * (an authorize or presign body) into {@code in}'s errors. Check {@link InputLimits} first.
     */
    public static Principal principal(JsonNode.Obj o, JsonInput in) {
        String arn = null;
        Map<String, String> sessionTags = Map.of();
        JsonNode p = o.get("principal");
        if (p == null) {
            in.error(ProblemCode.MISSING_FIELD, "missing required field \"principal\"", o.position().withPointer(Position.child(o.pointer(), "principal")));
        } else if (p instanceof JsonNode.Scalar sc && sc.kind() == JsonNode.Scalar.Kind.STRING) {
            arn = sc.text();
        } else if (p instanceof JsonNode.Obj po) {
            in.onlyKnownFields(po, PRINCIPAL_FIELDS, "\"principal\"");
            arn = in.string(po, "arn", null);
            JsonNode st = po.get("sessionTags");
            if (st != null && !(st instanceof JsonNode.Null)) {
                sessionTags = SessionTags.read(st, arn, in);
            }
        } else {
            in.error(ProblemCode.INVALID_TYPE, "\"principal\" must be {arn, sessionTags?} or an ARN string, not " + p.typeName(), p.position());
        }
        if (arn != null && !io.iamgate.match.ArnMatcher.looksLikeArn(arn)) {
            in.error(ProblemCode.INVALID_PRINCIPAL, "the principal must be an ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION or "
                    + "arn:aws:iam::ACCOUNT:user/NAME), not \"" + arn + "\"", pointerOf(p, "arn"));
            arn = null;
        }
        return new Principal(arn, sessionTags);
    }

    /**
     * Reads {@code context} of an authorize-shaped object into {@code in}'s errors: derived keys refused,
     * typed global keys checked. Check {@link InputLimits} first.
     */
    public static RequestContext context(JsonNode.Obj o, JsonInput in) {
        return context(o, in, KeyTypes.REFERENCE);
    }

    /** {@link #context(JsonNode.Obj, JsonInput)} with value types by {@code types}. */
    public static RequestContext context(JsonNode.Obj o, JsonInput in, KeyTypes types) {
        RequestContext ctx = in.context(o.get("context"));
        if (o.get("context") instanceof JsonNode.Obj co) {
            for (JsonNode.Member m : co.members()) {
                checkKey(m, in, types);
            }
        }
        return ctx;
    }

    /**
     * {@code req} as an authorize body (for the trace of a call that did not arrive as one: a presign):
     * replaying it asks the same question.
     */
    public static String json(AuthorizeRequest req) {
        io.iamgate.json.JsonWriter w = new io.iamgate.json.JsonWriter(256).begin();
        w.object("principal").field("arn", req.principalArn());
        if (req.sessionTags() != null && !req.sessionTags().isEmpty()) {
            w.object("sessionTags");
            req.sessionTags().forEach(w::field);
            w.end();
        }
        w.end().field("action", req.action()).field("resource", req.resource()).object("context");
        for (RequestContext.Entry e : req.context().entries().values()) {
            if (e.multivalued()) {
                w.array(e.key());
                e.values().forEach(w::value);
                w.endArray();
            } else {
                w.field(e.key(), e.values().get(0));
            }
        }
        return w.end().end().toString();
    }

    private static Position pointerOf(JsonNode p, String field) {
        if (p instanceof JsonNode.Obj po && po.get(field) != null) {
            return po.get(field).position();
        }
        return p.position();
    }

    static boolean validAction(String a) {
        int colon = a.indexOf(':');
        if (colon <= 0 || colon == a.length() - 1 || a.indexOf(':', colon + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char ch = a.charAt(i);
            if (i != colon && !(ch < 128 && ACTION_CHARS[ch])) {
                return false;
            }
        }
        return true;
    }

    /** {@link #validAction(String)} of {@code len} ASCII bytes of {@code c} from {@code from} (the byte recognizer's check, on the body's bytes). */
    static boolean validAction(byte[] c, int from, int len) {
        int colon = -1;
        for (int i = 0; i < len; i++) {
            byte ch = c[from + i];
            if (ch == ':') {
                if (colon >= 0) {
                    return false;
                }
                colon = i;
            } else if (!(ch >= 0 && ACTION_CHARS[ch])) {
                return false;
            }
        }
        return colon > 0 && colon < len - 1;
    }

    /** The characters of an action's two parts: ASCII letters and digits, {@code -}, {@code _} and {@code .}. */
    private static final boolean[] ACTION_CHARS = actionChars();

    private static boolean[] actionChars() {
        boolean[] t = new boolean[128];
        for (char ch = 0; ch < 128; ch++) {
            t[ch] = Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.';
        }
        return t;
    }

    /** Derived keys are refused; typed global keys must hold values of their type. */
    private static void checkKey(JsonNode.Member m, JsonInput in, KeyTypes types) {
        String k = m.key().toLowerCase(Locale.ROOT);
        if (derived(k)) {
            in.error(ProblemCode.DERIVED_CONTEXT_KEY, "\"" + m.key() + "\" is derived by iamgate from the principal and may not be sent",
                    m.keyPosition());
            return;
        }
        KeyType t = types.type(k);
        if (t == null) {
            return;
        }
        if (!t.multivalued() && m.value() instanceof JsonNode.Arr a) {
            // a list is multivalued, and operators without a set qualifier are false against it (README R1): a
            // Deny NotIpAddress on aws:SourceIp would not fire for ["1.2.3.4"]
            in.error(ProblemCode.INVALID_CONTEXT_VALUE, "\"" + m.key() + "\" is single-valued (" + t.display() + "): send one value, not a list",
                    a.position());
            return;
        }
        List<JsonNode> values = m.value() instanceof JsonNode.Arr a ? a.items() : List.of(m.value());
        for (JsonNode v : values) {
            if (!(v instanceof JsonNode.Scalar sc)) {
                continue; // reported by the context reader
            }
            String text = sc.text();
            String expected = expected(t, text);
            if (expected != null) {
                in.error(ProblemCode.INVALID_CONTEXT_VALUE, "\"" + m.key() + "\" must be " + expected + ", not \"" + text + "\"", sc.position());
            }
        }
    }

    /** What a value of a typed global key must be when {@code text} is not one; null when it is. */
    static String expected(KeyType t, String text) {
        return switch (t) {
            case IP_ADDRESS -> Cidr.parse(text) == null || text.contains("/") ? "an IP address" : null;
            case DATE -> Values.date(text) == null ? "a date (ISO 8601 or epoch seconds)" : null;
            case DATE_OR_NUMERIC -> Values.date(text) == null && Values.number(text) == null ? "epoch seconds" : null;
            case NUMERIC -> Values.number(text) == null ? "a number" : null;
            case BOOL, ARRAY_OF_BOOL -> Values.bool(text) == null ? "true or false" : null;
            case ARRAY_OF_NUMERIC -> Values.number(text) == null ? "a number" : null;
            case ARN, ARRAY_OF_ARN -> io.iamgate.match.ArnMatcher.looksLikeArn(text) ? null : "an ARN (arn:partition:service:region:account:resource)";
            default -> null;
        };
    }

    /**
     * The type of a context key (lower case): a global {@code aws:} key's, else the service's from the service
     * reference; null when unknown (then any value is taken as a string). The decision path uses its bundle's
     * {@link KeyTypes} instead, which never reads the reference.
     */
    static KeyType keyType(String lowerKey) {
        return KeyTypes.REFERENCE.type(lowerKey);
    }

    /** Whether a context key is one iamgate derives (refused when sent). */
    static boolean derived(String lowerKey) {
        // every aws:Principal* key describes the principal (aws:PrincipalIsAWSService, aws:PrincipalOrgID, ...):
        // iamgate derives what it can and never takes the rest from the caller (a guardrail on it could be lifted)
        return DERIVED.contains(lowerKey) || lowerKey.startsWith("aws:principal");
    }
}
