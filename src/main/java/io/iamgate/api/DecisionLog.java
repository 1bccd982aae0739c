package io.iamgate.api;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.eval.Decision;
import io.iamgate.eval.EvaluationResult;
import io.iamgate.eval.MatchedStatement;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.JsonWriter;
import io.iamgate.presign.PresignService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.AsciiString;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decision log (docs/traces-and-decision-log.md), the {@code X-Iamgate-Decision-Id} header and the
 * presign / forward-auth outcome counters. Resources call it with one line where they answer.
 *
 * <p>With {@code iamgate.decision-log.mode} = {@code all} or {@code deny} (default {@code off}) every
 * decision (authorize, batch item, presign, forward-auth token exchange) becomes one JSON object
 * {@code {decisionId, ts, endpoint, principal, action, resource, decision, reason, matched: [{policy, sid}],
 * revision, latencyMicros}} on the logger category {@code iamgate.decisions}, whose own handler prints
 * the message alone on standard output: one JSON object per line, whether or not JSON console logging is on. The request thread only puts a small record into a bounded queue
 * ({@code iamgate.decision-log.queue-capacity}); a daemon thread formats and writes it. A full queue drops
 * the record and counts it ({@code iamgate_decision_log_records_total{outcome="dropped"}}): logging never
 * slows or fails a decision.
 */
@ApplicationScoped
public class DecisionLog {
    public static final String HEADER = "X-Iamgate-Decision-Id";
    public static final String CATEGORY = "iamgate.decisions";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final Logger SELF = Logger.getLogger(DecisionLog.class);

    /** What is logged. */
    public enum Mode {
        OFF, DENY, ALL;

        static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("iamgate.decision-log.mode must be off, deny or all, not \"" + s + "\"");
            }
        }
    }

    /** The {@code endpoint} field of a log line. */
    public enum Endpoint {
        AUTHORIZE("authorize"), AUTHORIZE_BATCH("authorize/batch"), PRESIGN_NOTEBOOK("presigned-urls/notebook-instance"),
        PRESIGN_DOMAIN("presigned-urls/domain"), FORWARD_AUTH("forward-auth");

        final String label;

        Endpoint(String label) {
            this.label = label;
        }
    }

    /** {@code iamgate_presign_total{outcome}}. */
    public enum PresignOutcome {
        ISSUED, DENIED, NOT_IN_INVENTORY;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code iamgate_forward_auth_total{result}}: a token exchanged, a session cookie accepted, 401, 403. */
    public enum ForwardAuthResult {
        EXCHANGED, ALLOWED, UNAUTHORIZED, FORBIDDEN;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static ForwardAuthResult of(PresignService.Check c) {
            if (c.status() == 200) {
                return c.setCookie() != null ? EXCHANGED : ALLOWED;
            }
            return c.status() == 401 ? UNAUTHORIZED : FORBIDDEN;
        }
    }

    /** One decision as the request thread saw it; formatted on the writer thread. */
    record Entry(String id, Endpoint endpoint, Instant ts, String principal, String action, String resource, String decision,
                 String reason, List<MatchedStatement> matched, String resultJson, String revision, long latencyNanos) {
    }

    /** Sequence numbers a thread takes from {@link #idBlocks} at a time. */
    static final int ID_BLOCK = 4096;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Mode mode;
    /** The next block of {@link #ID_BLOCK} sequence numbers: block {@code b} is {@code b * ID_BLOCK + 1 ..} {@code (b + 1) * ID_BLOCK}. */
    private final AtomicLong idBlocks = new AtomicLong();
    private final ThreadLocal<IdCursor> ids = ThreadLocal.withInitial(IdCursor::new);
    private final BlockingQueue<Entry> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final EnumMap<PresignOutcome, Counter> presign = new EnumMap<>(PresignOutcome.class);
    private final EnumMap<ForwardAuthResult, Counter> forwardAuth = new EnumMap<>(ForwardAuthResult.class);
    private final Thread writer;

    @jakarta.inject.Inject
    public DecisionLog(DecisionLogConfig config, MeterRegistry registry) {
        this(Mode.parse(config.mode()), config.queueCapacity(), registry, true);
    }

    DecisionLog(Mode mode, int capacity, MeterRegistry registry, boolean startWriter) {
        if (capacity < 1) {
            throw new IllegalArgumentException("iamgate.decision-log.queue-capacity must be at least 1, not " + capacity);
        }
        this.mode = mode;
        this.queue = mode == Mode.OFF ? null : new ArrayBlockingQueue<>(capacity);
        for (PresignOutcome o : PresignOutcome.values()) {
            presign.put(o, Counter.builder("iamgate.presign").description("presigned URL requests that reached a decision, by outcome")
                    .tag("outcome", o.label()).register(registry));
        }
        for (ForwardAuthResult r : ForwardAuthResult.values()) {
            forwardAuth.put(r, Counter.builder("iamgate.forward.auth").description("gateway forward-auth checks by result")
                    .tag("result", r.label()).register(registry));
        }
        FunctionCounter.builder("iamgate.decision.log.records", written, AtomicLong::get)
                .description("decision log records by what became of them (dropped: the queue was full)").tag("outcome", "written").register(registry);
        FunctionCounter.builder("iamgate.decision.log.records", dropped, AtomicLong::get)
                .description("decision log records by what became of them (dropped: the queue was full)").tag("outcome", "dropped").register(registry);
        if (queue != null && startWriter) {
            bareJsonHandler();
            writer = new Thread(this::drain, "iamgate-decision-log");
            writer.setDaemon(true);
            writer.start();
            SELF.infof("decision log on (mode %s) on logger category %s", mode.name().toLowerCase(Locale.ROOT), CATEGORY);
        } else {
            writer = null;
        }
    }

    /**
     * The category's own handler: standard output, the message alone. Installed here rather than in
     * {@code application.properties} because Quarkus gives every console handler, named ones included,
     * the JSON formatter when {@code quarkus.log.console.json.enabled=true}, which would wrap the line
     * in a {@code message} string.
     */
    private static void bareJsonHandler() {
        org.jboss.logmanager.Logger category = org.jboss.logmanager.Logger.getLogger(CATEGORY);
        org.jboss.logmanager.handlers.ConsoleHandler h = new org.jboss.logmanager.handlers.ConsoleHandler(
                org.jboss.logmanager.handlers.ConsoleHandler.Target.SYSTEM_OUT, new org.jboss.logmanager.formatters.PatternFormatter("%s%n"));
        h.setAutoFlush(true);
        category.setHandlers(new java.util.logging.Handler[] {h});
        category.setUseParentHandlers(false);
        category.setLevel(java.util.logging.Level.INFO);
    }

    void onStart(@Observes io.quarkus.runtime.StartupEvent ev) {
        // eager: a bad mode fails the start, and the handler is in place before the first decision
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (writer != null) {
            writer.interrupt();
        }
    }

    public Mode mode() {
        return mode;
    }

    /** A new decision id: a random per-process prefix and a sequence number. */
    public String newId() {
        return nextId().toString();
    }

    /**
     * A new decision id as the ASCII bytes of a header value: the random per-process prefix and a sequence number in
     * hex, never the same twice in the process. Each thread takes its sequence numbers in blocks of {@value #ID_BLOCK}
     * from one shared counter, so the event loops do not write one shared counter per decision (its cache line went
     * back and forth between the cores on every request); ids are unique, not ordered across threads. One byte array
     * per id, which Vert.x copies into the response head as it is ({@link AsciiString}: no String, no re-encoding).
     */
    AsciiString nextId() {
        long n = ids.get().next(idBlocks);
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(n)) >> 2);
        byte[] prefix = IdPrefix.BYTES;
        byte[] b = java.util.Arrays.copyOf(prefix, prefix.length + digits);
        for (int i = b.length - 1; i >= prefix.length; i--, n >>>= 4) {
            b[i] = HEX[(int) (n & 15)];
        }
        return new AsciiString(b, false);
    }

    /**
     * The random per-process prefix of every id, {@code 12 hex digits} and {@code -}, as ASCII bytes: drawn at the
     * first id, not when the sidecar starts (issue 19: start-up touches no random-number code; the native image
     * initializes this class at run time, META-INF/native-image). The 48 bits come from the kernel's CSPRNG
     * ({@code /dev/urandom}, the source of the JDK's default {@code NativePRNG}) read directly, without the JCA
     * provider look-up and SHA-1 mixing of {@code new SecureRandom()}: unpredictable per process and so across
     * replicas; {@code SecureRandom} where that device cannot be read.
     */
    static final class IdPrefix {
        static final byte[] BYTES = make(6);

        static byte[] make(int randomBytes) {
            byte[] random = new byte[randomBytes];
            try (java.io.InputStream in = new java.io.FileInputStream("/dev/urandom")) {
                if (in.readNBytes(random, 0, randomBytes) != randomBytes) {
                    throw new java.io.EOFException("/dev/urandom");
                }
            } catch (java.io.IOException | SecurityException e) {
                new SecureRandom().nextBytes(random);
            }
            return (HexFormat.of().formatHex(random) + "-").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        private IdPrefix() {
        }
    }

    /** One thread's current block of sequence numbers. */
    private static final class IdCursor {
        private long next;
        private long end;

        long next(AtomicLong blocks) {
            if (next == end) {
                next = blocks.getAndIncrement() * ID_BLOCK + 1;
                end = next + ID_BLOCK;
            }
            return next++;
        }
    }

    // ---- hooks called by the resources (one line each) ----

    /**
     * {@code POST /v1/authorize}: logs the decision and returns its id, which the resource sends as the
     * {@link #HEADER} of its 200 (the body is returned as a String there, not a Response: see AuthorizeResource).
     */
    public String authorized(AuthorizeRequest req, Decision decision, String resultJson, long startNanos) {
        String id = newId();
        log(id, Endpoint.AUTHORIZE, req.principalArn(), req.action(), req.resource(), decision, null, null, resultJson, null, startNanos);
        return id;
    }

    /**
     * The same for a {@link io.iamgate.authz.Decider.Decided}, the id as the header's ASCII bytes: its text, and the id's
     * String, are made only when the decision is logged.
     */
    public AsciiString authorized(io.iamgate.authz.Decider.Decided d, long startNanos) {
        AsciiString id = nextId();
        if (logs(d.decision())) {
            AuthorizeRequest req = d.req();
            log(id.toString(), Endpoint.AUTHORIZE, req.principalArn(), req.action(), req.resource(), d.decision(), null, null, d.json(), null,
                    startNanos);
        }
        return id;
    }

    /** Whether a decision of this kind is written to the log (mode and queue). */
    boolean logs(Decision decision) {
        return queue != null && !(mode == Mode.DENY && decision == Decision.ALLOW);
    }

    /** A batch: one id for the response header; item {@code i} is logged as {@code ID/i}. */
    public Batch batch() {
        return new Batch(newId());
    }

    /** The decisions of one {@code POST /v1/authorize/batch}. */
    public final class Batch {
        private final String id;

        Batch(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Logs item {@code i} and returns its result JSON unchanged. */
        public String item(int i, AuthorizeRequest req, Decision decision, String resultJson, long startNanos) {
            log(id + "/" + i, Endpoint.AUTHORIZE_BATCH, req.principalArn(), req.action(), req.resource(), decision, null, null, resultJson,
                    null, startNanos);
            return resultJson;
        }

        /** The 200 answer with the batch's decision id. */
        public Response respond(CharSequence json) {
            return Response.ok(json.toString(), MediaType.APPLICATION_JSON).header(HEADER, id).build();
        }
    }

    /**
     * A presign answer (200 issued or 403 denied): counts it, logs the decision and adds the id header
     * to {@code answer}.
     */
    public Response presigned(boolean notebook, AuthorizeRequest req, EvaluationResult r, String revision, long startNanos,
                              Response.ResponseBuilder answer) {
        presign.get(r.allowed() ? PresignOutcome.ISSUED : PresignOutcome.DENIED).increment();
        String id = newId();
        log(id, notebook ? Endpoint.PRESIGN_NOTEBOOK : Endpoint.PRESIGN_DOMAIN, req.principalArn(), req.action(), req.resource(),
                r.decision(), r.reason(), r.matchedStatements(), null, revision, startNanos);
        return answer.header(HEADER, id).build();
    }

    /** A presign request for a resource the inventory does not hold (404): counted, not a decision. */
    public Response notInInventory(Response answer) {
        presign.get(PresignOutcome.NOT_IN_INVENTORY).increment();
        return answer;
    }

    /**
     * A forward-auth answer: counts it by result; a token exchange (the original URI carried
     * {@code authToken}, or a cookie was set) is logged as a decision. Every answer carries an id.
     */
    public Response forwardAuth(PresignService.Check c, String originalUri, long startNanos, Response.ResponseBuilder answer) {
        forwardAuth.get(ForwardAuthResult.of(c)).increment();
        String id = newId();
        boolean exchange = c.setCookie() != null || originalUri != null && originalUri.contains("authToken=");
        if (exchange) {
            String principal = c.grant() == null ? null : c.grant().principal();
            String resource = c.grant() == null ? null : c.grant().resourceArn();
            log(id, Endpoint.FORWARD_AUTH, principal, "iamgate:ExchangeToken", resource, c.status() == 200 ? Decision.ALLOW : Decision.IMPLICIT_DENY,
                    c.reason(), List.of(), null, null, startNanos);
        }
        return answer.header(HEADER, id).build();
    }

    // ---- queue and writer ----

    private void log(String id, Endpoint endpoint, String principal, String action, String resource, Decision decision, String reason,
                     List<MatchedStatement> matched, String resultJson, String revision, long startNanos) {
        if (!logs(decision)) {
            return;
        }
        try {
            Entry e = new Entry(id, endpoint, Instant.now(), principal, action, resource, decision == null ? null : decision.name(), reason,
                    matched, resultJson, revision, System.nanoTime() - startNanos);
            if (!queue.offer(e)) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet(); // never fail a decision because of its log line
        }
    }

    private void drain() {
        while (!Thread.currentThread().isInterrupted()) {
            Entry e;
            try {
                e = queue.take();
            } catch (InterruptedException ie) {
                break;
            }
            write(e);
        }
        for (Entry e; (e = queue.poll()) != null; ) {
            write(e);
        }
    }

    private void write(Entry e) {
        try {
            LOG.info(format(e));
            written.incrementAndGet();
        } catch (RuntimeException ex) {
            dropped.incrementAndGet();
        }
    }

    /** The log line of one entry: a JSON object. */
    static String format(Entry e) {
        String reason = e.reason();
        String revision = e.revision();
        List<String[]> matched = new ArrayList<>();
        if (e.matched() != null) {
            for (MatchedStatement m : e.matched()) {
                matched.add(new String[] {m.policy(), m.sid()});
            }
        }
        if (e.resultJson() != null) {
            try {
                if (new JsonTreeParser().parse(e.resultJson()) instanceof JsonNode.Obj o) {
                    reason = text(o.get("reason"));
                    revision = text(o.get("revision"));
                    if (o.get("matchedStatements") instanceof JsonNode.Arr arr) {
                        for (JsonNode n : arr.items()) {
                            if (n instanceof JsonNode.Obj s) {
                                matched.add(new String[] {text(s.get("policy")), text(s.get("sid"))});
                            }
                        }
                    }
                }
            } catch (Exception ignored) {
                // the answer was written by ResultJson; a failure here leaves reason and matched empty
            }
        }
        StringBuilder sb = new StringBuilder(384).append("{\"decisionId\":").append(q(e.id()))
                .append(",\"ts\":").append(q(e.ts().toString()))
                .append(",\"endpoint\":").append(q(e.endpoint().label))
                .append(",\"principal\":").append(q(e.principal()))
                .append(",\"action\":").append(q(e.action()))
                .append(",\"resource\":").append(q(e.resource()))
                .append(",\"decision\":").append(q(e.decision()))
                .append(",\"reason\":").append(q(reason))
                .append(",\"matched\":[");
        for (int i = 0; i < matched.size(); i++) {
            sb.append(i == 0 ? "{" : ",{").append("\"policy\":").append(q(matched.get(i)[0])).append(",\"sid\":").append(q(matched.get(i)[1])).append('}');
        }
        return sb.append("],\"revision\":").append(q(revision)).append(",\"latencyMicros\":").append(e.latencyNanos() / 1000).append('}').toString();
    }

    private static String q(String s) {
        return s == null ? "null" : JsonWriter.quote(s);
    }

    private static String text(JsonNode n) {
        return n instanceof JsonNode.Scalar s && s.kind() == JsonNode.Scalar.Kind.STRING ? s.text() : null;
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    BlockingQueue<Entry> queue() {
        return queue;
    }
}
