package io.iamgate.authz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonWriter;
import io.iamgate.json.Position;
import io.iamgate.sim.InputException;
import io.iamgate.sim.JsonInput;
import io.iamgate.sim.ResultJson;
import io.iamgate.validate.KeyTypes;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one entry point for authorize decisions: request text in, response text out, against one bundle
 * snapshot. Framework-free: the REST resources only adapt HTTP (status codes, metrics, tracing) around it.
 *
 * <h2>Design</h2>
 * One request walks these steps, each done once:
 * <ol>
 *   <li><b>Read</b> ({@link RequestReader}): bytes first through a recognizer of the common body's strict subset
 *   ({@link BodyRecognizer}), else one pass of Jackson's streaming parser straight into an
 *   {@link AuthorizeRequest} (caller ARN, action, resource, context keys). The positional tree parser is
 *   the slow tier, run only when the fast one refuses a body, to name every error by JSON pointer.</li>
 *   <li><b>Guard</b>: a caller-sent resource tag for an inventoried resource (or, unless allowed, for any
 *   resource) is refused before any lookup — a 400, never an answer.</li>
 *   <li><b>Resolve</b> the caller once ({@link Caller#resolve}, memoized per ARN on the bundle): the
 *   principal, its compiled plan, and the context keys iamgate derives for it. The same resolved caller
 *   feeds the cache key and the decision.</li>
 *   <li><b>Cache</b> (optional, {@link DecisionCache}): keyed by snapshot generation and the body's exact
 *   bytes, looked up before reading; a hit is the stored answer itself (nothing read, nothing allocated).</li>
 *   <li><b>Decide</b>: the plan reads a layered context (caller keys over derived keys over inventory
 *   tags over the clock) without copying any of them into one map.</li>
 *   <li><b>Write</b> the response with the one writer, {@link JsonWriter} via {@link ResultJson}.</li>
 * </ol>
 * Failure is closed: any runtime failure while deciding answers IMPLICIT_DENY. The class holds no
 * locks and does no I/O; it is safe for any number of event-loop threads.
 */
public final class Decider {
    private static final System.Logger LOG = System.getLogger(Decider.class.getName());
    private static final JsonFactory FAST = new JsonFactory();
    private static final Set<String> BATCH_FIELDS = Set.of("requests");

    /** What became of a call. */
    public sealed interface Answer permits Decided, Batch, Invalid, Refused {
    }

    /**
     * A decision and its response body. The body is UTF-8 bytes: from the cache (owned), or in this thread's
     * response buffer, valid until this thread decides again — {@link #writeTo} and {@link #utf8} read it
     * without making a String; {@link #json} decodes it once (read it before the thread's next decision,
     * as the REST resource does; batch items are decoded at once). {@link #request} is the request's JSON
     * text (for tracing), decoded from the body bytes only when asked for.
     *
     * <p>32 bytes (compressed oops): a decision on the hot path keeps what it answers from in this thread's
     * {@link Slot} and only the slot's generation here, so a later decision on the thread reuses the slot instead of a
     * larger answer per call. Every read but {@link #decision} checks that generation first: an answer read after its
     * thread's next decision throws {@link IllegalStateException}, it never answers the later decision's request or
     * bytes. A text decoded before ({@link #json}, {@link #request}) stays.
     */
    public static final class Decided implements Answer {
        private final Decision decision;
        /** Where the request and the response bytes are: this thread's slot (with {@link #generation}), or kept. */
        private final Source source;
        /** The slot's generation this answer was decided in (unused for a kept source). */
        private final int generation;
        private String json;
        private String request;

        /** What an answer reads its request and response from. */
        private sealed interface Source permits Slot, Kept {
        }

        /**
         * An answer's own request and bytes: a cached answer's (shared by every hit, so immutable: {@code bytes} is its
         * key's one array, the request body in {@code [0, requestLength)} and the response right after it,
         * {@code utf8Length} bytes), or a text answer's request ({@code bytes} the request body or null, {@code utf8Length}
         * -1: the response is the answer's text). {@code reqGeneration}: {@code req}'s when it is a scratch request.
         */
        private record Kept(AuthorizeRequest req, int reqGeneration, byte[] bytes, int requestLength, int utf8Length) implements Source {
            boolean stored() {
                return utf8Length >= 0;
            }
        }

        /**
         * A cached answer (shared by every hit, so immutable): {@code bytes} is its key's one array, the request body in
         * {@code [0, requestLength)} and the response body right after it, {@code utf8Length} bytes ({@link DecisionKey#withAnswer}).
         */
        static Decided stored(Decision decision, AuthorizeRequest req, byte[] bytes, int requestLength, int utf8Length) {
            return new Decided(decision, new Kept(req, generationOf(req), bytes, requestLength, utf8Length), 0, null, null);
        }

        /** A decision with its response text. */
        public Decided(Decision decision, AuthorizeRequest req, String json, String request) {
            this(decision, new Kept(req, generationOf(req), null, 0, -1), 0, json, request);
        }

        private Decided(Decision decision, Source source, int generation, String json, String request) {
            this.decision = decision;
            this.source = source;
            this.generation = generation;
            this.json = json;
            this.request = request;
        }

        private static int generationOf(AuthorizeRequest req) {
            return req == null ? 0 : (int) req.generation();
        }

        public Decision decision() {
            return decision;
        }

        /**
         * The request. When it was read into the thread's scratch request this is a copy of its own, made here
         * (only a logged decision asks), and must be asked for before the thread reads its next body.
         */
        public AuthorizeRequest req() {
            return current().owned();
        }

        public String action() {
            return current().action();
        }

        /** This thread's slot, checked to still hold this answer's decision. */
        private Slot slot(Slot s) {
            if (s.generation != generation) {
                throw new IllegalStateException("the answer was read after the thread's next decision");
            }
            return s;
        }

        private AuthorizeRequest current() {
            AuthorizeRequest req;
            int reqGeneration;
            if (source instanceof Slot s) {
                slot(s);
                req = s.req;
                reqGeneration = s.reqGeneration;
            } else {
                Kept k = (Kept) source;
                req = k.req();
                reqGeneration = k.reqGeneration();
            }
            if (req.isScratch() && (int) req.generation() != reqGeneration) {
                throw new IllegalStateException("the request was read after the thread's next body");
            }
            return req;
        }

        /** A cached answer, shared by every hit: it decodes its texts on each call instead of keeping them, so its weight stays its bytes. */
        private Kept stored() {
            return source instanceof Kept k && k.stored() ? k : null;
        }

        /** The request's JSON text. */
        public String request() {
            String r = request;
            if (r != null) {
                return r;
            }
            Kept k = stored();
            if (k != null) {
                return new String(k.bytes(), 0, k.requestLength(), java.nio.charset.StandardCharsets.UTF_8);
            }
            byte[] body = source instanceof Slot s ? slot(s).body : ((Kept) source).bytes();
            if (body != null) {
                request = r = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            }
            return r;
        }

        /** The response body as text. */
        public String json() {
            String j = json;
            if (j != null) {
                return j;
            }
            Kept k = stored();
            if (k != null) {
                return new String(k.bytes(), k.requestLength(), k.utf8Length(), java.nio.charset.StandardCharsets.UTF_8);
            }
            io.iamgate.json.Utf8Buffer b = buffer();
            return json = new String(b.array(), 0, b.length(), java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The thread's buffer this answer's bytes are in, checked to still hold them. */
        private io.iamgate.json.Utf8Buffer buffer() {
            Slot s = slot((Slot) source);
            if (s.buffer.stamp() != s.stamp) {
                throw new IllegalStateException("the response bytes were read after the thread's next decision");
            }
            return s.buffer;
        }

        /** Whether the response is this answer's text (a text answer, or a failure's). */
        private boolean text() {
            return source instanceof Kept k ? !k.stored() : ((Slot) source).buffer == null;
        }

        /** The response body's length in UTF-8 bytes. */
        public int utf8Length() {
            Kept k = stored();
            if (k != null) {
                return k.utf8Length();
            }
            return text() ? utf8().length : buffer().length();
        }

        /** Writes the response body as UTF-8, without making a String. */
        public void writeTo(java.io.OutputStream out) throws IOException {
            Kept k = stored();
            if (k != null) {
                out.write(k.bytes(), k.requestLength(), k.utf8Length());
            } else if (text()) {
                out.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                io.iamgate.json.Utf8Buffer b = buffer();
                out.write(b.array(), 0, b.length());
            }
        }

        /** A copy of the response body as UTF-8. */
        public byte[] utf8() {
            Kept k = stored();
            if (k != null) {
                return java.util.Arrays.copyOfRange(k.bytes(), k.requestLength(), k.requestLength() + k.utf8Length());
            }
            if (text()) {
                return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            io.iamgate.json.Utf8Buffer b = buffer();
            return java.util.Arrays.copyOf(b.array(), b.length());
        }

        /** The same answer for a caller that sent text: the stored answer's bytes, with that text as its request. */
        Decided withRequest(String text) {
            return new Decided(decision, source, generation, null, text);
        }
    }

    /**
     * Per thread, what its latest decided answer reads from: the request, the body, the response buffer and its stamp.
     * Reused by every decision of the thread; {@link #generation} tells an answer whether the slot is still its own.
     */
    private static final class Slot implements Decided.Source {
        int generation;
        AuthorizeRequest req;
        int reqGeneration;
        byte[] body;
        /** The response bytes' buffer, or null when the answer is its text (a failure's). */
        io.iamgate.json.Utf8Buffer buffer;
        long stamp;

        /** Points this slot at a new decision: the generation it answers with. */
        int next(AuthorizeRequest req, byte[] body, io.iamgate.json.Utf8Buffer buffer) {
            // the slot is old (it lives as long as its thread): a reference is stored only when it changes, since under G1
            // each store into an old object pays the post-write barrier's fence (JDK 25); the request and the buffer are
            // the thread's own, the same every decision (BENCHMARKS.md "Body path, ninth round")
            if (this.req != req) {
                this.req = req;
            }
            this.reqGeneration = (int) req.generation();
            if (this.body != body) {
                this.body = body;
            }
            if (this.buffer != buffer) {
                this.buffer = buffer;
            }
            this.stamp = buffer == null ? 0 : buffer.stamp();
            return ++generation;
        }
    }

    private static final ThreadLocal<Slot> SLOTS = ThreadLocal.withInitial(Slot::new);

    /** An answer on this thread's slot. */
    private static Decided fresh(Decision decision, AuthorizeRequest req, byte[] body, String text, io.iamgate.json.Utf8Buffer out, String json) {
        Slot s = SLOTS.get();
        return new Decided(decision, s, s.next(req, body, out), json, text);
    }

    /** A batch: per request, its decision, action and JSON text (for metrics and tracing), and the response body. */
    public record Batch(List<Decided> items, String json) implements Answer {
        public List<Decision> decisions() {
            return items.stream().map(Decided::decision).toList();
        }

        public List<String> actions() {
            return items.stream().map(Decided::action).toList();
        }

        public List<String> requests() {
            return items.stream().map(Decided::request).toList();
        }
    }

    /** Bad input: every problem, each with its pointer (a 400). */
    public record Invalid(String detail, InputException error) implements Answer {
    }

    /**
     * A resource tag the request may not send: {@code uninventoried} is false when the resource is in the
     * inventory (spoofing its tags) and true when it is not and caller-sent resource tags are off (a 400).
     */
    public record Refused(String key, boolean uninventoried, String pointer) implements Answer {
    }

    private final Authorizer authorizer;
    private final DecisionCache cache;
    private final int maxBatch;

    /**
     * @param callerResourceTags whether a caller may send resource tags for a resource the inventory does not hold (docs/principals-and-context.md)
     * @param cache              the decision cache, or null for none
     * @param maxBatch           requests per batch call at most
     */
    public Decider(boolean callerResourceTags, DecisionCache cache, int maxBatch) {
        this.authorizer = new Authorizer(callerResourceTags);
        this.cache = cache;
        this.maxBatch = maxBatch;
    }

    /** Decides one authorize body given as text. */
    public Answer decide(Bundle bundle, String body, io.iamgate.eval.ExplainMode explain, Instant now) {
        if (body == null) {
            return decide(bundle, null, null, explain, now);
        }
        return decide(bundle, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), body, explain, now);
    }

    /**
     * Decides one authorize body given as UTF-8 bytes (what arrives on the wire; the caller must not change
     * them afterwards). The hot path: a cache hit reads nothing but the bytes; a miss reads them with the
     * streaming tier and answers into this thread's response buffer.
     */
    public Answer decide(Bundle bundle, byte[] body, io.iamgate.eval.ExplainMode explain, Instant now) {
        return decide(bundle, body, null, explain, now);
    }

    private Answer decide(Bundle bundle, byte[] body, String text, io.iamgate.eval.ExplainMode explain, Instant now) {
        boolean caching = cache != null && explain == io.iamgate.eval.ExplainMode.OFF && body != null;
        if (caching) {
            Decided hit = cache.get(bundle, body);
            if (hit != null) { // the stored answer itself (bytes in: nothing to allocate); a String caller keeps its text
                return text == null ? hit : hit.withRequest(text);
            }
        }
        KeyTypes types = bundle.keyTypes(); // the snapshot's table: deciding never reads the service reference
        AuthorizeRequest req = body == null ? null : RequestReader.scratch(body, 0, body.length, bundle); // the thread's scratch request
        if (req == null) {
            try {
                // when caching, read what the key holds (the bytes): a String with a lone surrogate encodes as '?'
                req = RequestReader.slow(body == null || (text != null && !caching) ? text : new String(body, java.nio.charset.StandardCharsets.UTF_8), types);
            } catch (InputException e) {
                return new Invalid("the authorize request is invalid", e);
            }
        }
        return decide(bundle, req, text, body, explain, now, "", caching);
    }

    /** Decides one parsed request; {@code pointer} prefixes the pointer of a refused key ("" or "/requests/3"). */
    public Answer decide(Bundle bundle, AuthorizeRequest req, String requestJson, io.iamgate.eval.ExplainMode explain, Instant now, String pointer) {
        return decide(bundle, req, requestJson, null, explain, now, pointer, false);
    }

    private Answer decide(Bundle bundle, AuthorizeRequest req, String text, byte[] body, io.iamgate.eval.ExplainMode explain, Instant now,
                          String pointer, boolean caching) {
        Map<String, io.iamgate.eval.RequestContext.Entry> tags = tags(bundle, req);
        if (authorizer.spoofs(req, tags)) {
            String key = req.context().resourceTagKey();
            return new Refused(key, tags == null, Position.child(pointer + "/context", key));
        }
        try {
            Caller caller = caller(bundle, req);
            Decision decision;
            io.iamgate.json.Utf8Buffer out;
            if (explain == io.iamgate.eval.ExplainMode.OFF) { // the hot path: the thread's verdict, written as it stands
                io.iamgate.eval.Verdict v = Authorizer.verdict(req, caller, tags, now);
                decision = v.decision();
                out = ResultJson.utf8(v, bundle.revision());
            } else {
                EvaluationResult r = Authorizer.decide(req, caller, tags, now, explain);
                decision = r.decision();
                out = ResultJson.utf8(r, bundle.revision());
            }
            if (caching && DecisionKey.cacheable(req, caller)) {
                req = req.owned(); // the cached answer and this one share one request of its own (not the thread's scratch)
                cache.put(bundle, body, decision, req, out.array(), out.length()); // copied into the entry's one array
            }
            return fresh(decision, req, body, text, out, null);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "decision failed; answering IMPLICIT_DENY", e);
            return fresh(Decision.IMPLICIT_DENY, req, body, text, null, ResultJson.write(failClosed(), bundle.revision()));
        }
    }

    /** The resource's inventory tags (null when not inventoried): by the index the reader found, else looked up. */
    static Map<String, io.iamgate.eval.RequestContext.Entry> tags(Bundle bundle, AuthorizeRequest req) {
        ArnTable<Map<String, io.iamgate.eval.RequestContext.Entry>> inventory = req.resourceTable();
        if (inventory != null) {
            return req.resourceTags(); // read by the reader with the index (null when not found)
        }
        return Caller.resourceTags(bundle, req.resource());
    }

    /**
     * The caller resolved: a user's by the index the reader found (once resolved on the snapshot); an ARN the reader found
     * is not a user's from the memo straight away; else {@link Caller#resolve}.
     */
    static Caller caller(Bundle bundle, AuthorizeRequest req) {
        ArnTable<Caller> users = req.userTable();
        if (users != null) { // the recognizer's scratch request: no session tags
            int u = req.userIndex();
            if (u < 0) {
                return Caller.resolveNotUser(bundle, req.principalArn());
            }
            Caller c = req.userCaller(); // read by the reader with the index (null until resolved once)
            if (c != null) {
                return c;
            }
        }
        return Caller.resolve(bundle, req.principalArn(), req.sessionTags());
    }

    private static EvaluationResult failClosed() {
        return new EvaluationResult(Decision.IMPLICIT_DENY, "internal error while deciding; denied (fail closed)", List.of(), List.of(), List.of());
    }

    /**
     * Decides a batch body {@code {requests: [...]}}: results in request order in one response. The first
     * refused resource tag refuses the whole batch (its pointer names the request).
     */
    public Answer batch(Bundle bundle, String body, io.iamgate.eval.ExplainMode explain, Instant now) {
        return batch(bundle, body, explain, now, Long.MAX_VALUE);
    }

    /**
     * Like {@link #batch(Bundle, String, io.iamgate.eval.ExplainMode, Instant)}, with an explained answer bounded: once
     * its results pass {@code maxExplainChars} characters the call stops and is a 400 problem {@code RESPONSE_TOO_LARGE}
     * naming the request where the bound was crossed (never an unbounded response).
     */
    public Answer batch(Bundle bundle, String body, io.iamgate.eval.ExplainMode explain, Instant now, long maxExplainChars) {
        KeyTypes types = bundle.keyTypes();
        List<String> texts = batchItems(body);
        List<AuthorizeRequest> reqs = new ArrayList<>();
        if (texts != null) {
            for (String t : texts) {
                AuthorizeRequest r = RequestReader.fast(t, types);
                if (r == null) {
                    texts = null;
                    break;
                }
                reqs.add(r);
            }
        }
        if (texts == null) { // the slow tier: every error with its pointer, or the batch with session tags
            reqs.clear();
            texts = new ArrayList<>();
            try {
                slowBatch(body, reqs, texts, types);
            } catch (InputException e) {
                return new Invalid("the batch request is invalid", e);
            }
        }
        JsonWriter w = new JsonWriter(256 * reqs.size() + 16).begin().array("results");
        List<Decided> items = new ArrayList<>(reqs.size());
        long explained = 0;
        for (int i = 0; i < reqs.size(); i++) {
            Answer a = decide(bundle, reqs.get(i), texts.get(i), explain, now, "/requests/" + i);
            if (a instanceof Refused) {
                return a;
            }
            Decided d = (Decided) a;
            String json = d.json();
            if (explain != io.iamgate.eval.ExplainMode.OFF && (explained += json.length() + 1) > maxExplainChars) {
                return new Invalid("the explained answer is too large", new InputException(List.of(io.iamgate.policy.Finding.blocking(
                        io.iamgate.policy.ProblemCode.RESPONSE_TOO_LARGE, "the explained results up to request " + i + " take " + explained
                                + " characters; the limit is " + maxExplainChars + " (iamgate.authorize.max-explain-bytes): send fewer requests"
                                + " per call or ask for explain=relevant", new Position(0, 0, "/requests/" + i), null))));
            }
            // an item outlives the next item's decision, which reuses the thread's buffer: keep it as its own text
            items.add(new Decided(d.decision(), d.req(), json, d.request()));
            w.raw(json);
        }
        return new Batch(items, w.endArray().end().toString());
    }

    /** The request texts of a {@code {"requests": [{...}, ...]}} body within the batch limit, or null for the slow tier. */
    private List<String> batchItems(String body) {
        if (body == null) {
            return null;
        }
        try (JsonParser p = FAST.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME || !p.currentName().equals("requests")
                    || p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<String> items = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                if (items.size() == maxBatch) {
                    return null;
                }
                int from = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                items.add(body.substring(from, (int) p.currentLocation().getCharOffset()));
            }
            if (t != JsonToken.END_ARRAY || p.nextToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            return items;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void slowBatch(String body, List<AuthorizeRequest> reqs, List<String> texts, KeyTypes types) throws InputException {
        JsonNode root = RequestReader.tree(body);
        JsonInput in = new JsonInput();
        JsonNode.Obj o = in.object(root, "the batch body");
        in.throwIfAny();
        in.onlyKnownFields(o, BATCH_FIELDS, "the batch body");
        JsonNode rs = o.get("requests");
        if (!(rs instanceof JsonNode.Arr arr)) {
            in.error(rs == null ? io.iamgate.policy.ProblemCode.MISSING_FIELD : io.iamgate.policy.ProblemCode.INVALID_TYPE, "\"requests\" must be an array of authorize requests",
                    rs == null ? o.position().withPointer("/requests") : rs.position());
        } else if (arr.items().size() > maxBatch) {
            in.error(io.iamgate.policy.ProblemCode.TOO_MANY_REQUESTS, "at most " + maxBatch + " requests per batch, got " + arr.items().size(), arr.position());
        } else {
            for (JsonNode item : arr.items()) {
                reqs.add(AuthorizeInput.parse(item, in, types));
                texts.add(JsonWriter.compact(item));
            }
        }
        in.throwIfAny();
    }
}
