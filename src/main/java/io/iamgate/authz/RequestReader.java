package io.iamgate.authz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.CharInterner;
import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.json.Position;
import io.iamgate.match.ArnMatcher;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IpAddresses;
import io.iamgate.sim.InputException;
import io.iamgate.validate.KeyType;
import io.iamgate.validate.KeyTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an authorize body in tiers. Bytes (the wire's UTF-8, the hot path) first meet {@link BodyRecognizer}: a
 * recognizer written for this one schema that takes only a strict subset (ASCII, no escapes, the known fields
 * exactly, simple context values, nothing after the object) and reads it straight from the bytes into the thread's
 * scratch request, without a general tokenizer, a UTF-8 pass or a decoding pass (Jackson's tokenizer alone cost
 * more than half of the read). At the first thing outside its subset it returns null, and the body goes to the two
 * tiers below, from the start; it never refuses a body and never reads one differently from them
 * ({@code BodyRecognizerDifferentialTest}). Then, as for text, two tiers. The fast tier is one pass of Jackson's streaming parser
 * straight into an {@link AuthorizeRequest}: no tree, no positions, no pointer strings. It accepts a
 * body only when every rule of {@link AuthorizeInput} and {@link InputLimits} holds, and gives up
 * (returns null) at the first thing it does not like — a syntax error, an unknown or duplicate field,
 * a value over a limit, a derived key, session tags. The slow tier then reads the same text with the
 * positional {@link JsonTreeParser} and {@link AuthorizeInput}, whose errors carry a JSON pointer and
 * line/column each. So the positional tree is built only to explain a refusal (or for the rare body
 * with session tags), and both tiers accept exactly the same bodies with the same meaning (a test
 * compares them on valid and invalid bodies).
 */
public final class RequestReader {
    private static final JsonTreeParser TREE = new JsonTreeParser();
    private static final JsonFactory FAST = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonTreeParser.DEFAULT_MAX_DEPTH + 1)
                    .maxStringLength(10_000_000).build())
            .build(); // duplicate names are caught below without Jackson's per-object hash set

    private RequestReader() {
    }

    /** The request in {@code body}, or every problem with it (pointer, line and column each). */
    public static AuthorizeRequest read(String body) throws InputException {
        AuthorizeRequest r = fast(body);
        return r != null ? r : slow(body);
    }

    /** The positional tree of a body (empty or malformed bodies are one error each). */
    public static JsonNode tree(String body) throws InputException {
        if (body == null || body.isBlank()) {
            throw new InputException(List.of(Finding.blocking(io.iamgate.policy.ProblemCode.EMPTY_BODY, "the request body is empty", new Position(1, 1, ""), null)));
        }
        try {
            return TREE.parse(body);
        } catch (JsonSyntaxException e) {
            throw new InputException(List.of(Finding.blocking(io.iamgate.policy.ProblemCode.JSON_SYNTAX_ERROR, e.getMessage(), e.position(), null)));
        }
    }

    static AuthorizeRequest slow(String body) throws InputException {
        return slow(body, KeyTypes.REFERENCE);
    }

    static AuthorizeRequest slow(String body, KeyTypes types) throws InputException {
        return AuthorizeInput.parse(tree(body), types);
    }

    /** The streaming tier over text: the request, or null when the body needs the slow tier (to be refused with pointers, or for session tags). */
    static AuthorizeRequest fast(String body) {
        return fast(body, KeyTypes.REFERENCE);
    }

    static AuthorizeRequest fast(String body, KeyTypes types) {
        if (body == null) {
            return null;
        }
        try (JsonParser p = FAST.createParser(body)) {
            AuthorizeRequest r = walk(p, null, types, null);
            return r != null && p.nextToken() == null ? r : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The streaming tier over UTF-8 bytes (what arrives on the wire), with this thread's reused parser: the
     * request, or null when the body needs the slow tier. Reading a body this way allocates only what the
     * request keeps (its {@link AuthorizeRequest}, context entries, and Strings not seen before).
     */
    static AuthorizeRequest fast(byte[] body, int off, int len) {
        AuthorizeRequest r = scratch(body, off, len, KeyTypes.REFERENCE);
        return r == null ? null : r.owned();
    }

    /**
     * {@link #fast(byte[], int, int)} into this thread's scratch request: the same request, but the thread's one
     * {@link AuthorizeRequest} and context (pooled entries), valid only until the thread reads its next body
     * (then {@link AuthorizeRequest#generation} changes). Reading a body this way allocates nothing for a body
     * whose ARNs, action and values were seen before; an IPv4 address value costs no String.
     */
    static AuthorizeRequest scratch(byte[] body, int off, int len) {
        return scratch(body, off, len, KeyTypes.REFERENCE);
    }

    /** {@link #scratch(byte[], int, int)} with values checked against {@code types} (the bundle's). */
    static AuthorizeRequest scratch(byte[] body, int off, int len, KeyTypes types) {
        return scratch(body, off, len, types, null);
    }

    /**
     * {@link #scratch(byte[], int, int, KeyTypes)}; a resource ARN in {@code resources} (the bundle's inventory,
     * {@link #resources}) is read as the bundle's own String, so its tag lookup compares by identity.
     */
    static AuthorizeRequest scratch(byte[] body, int off, int len, KeyTypes types, io.iamgate.json.StringTable resources) {
        return scratch(body, off, len, types, resources, null, null);
    }

    /**
     * {@link #scratch(byte[], int, int, KeyTypes, io.iamgate.json.StringTable)} with the snapshot's inventory and user
     * tables ({@link Caller#inventoryTable}, {@link Caller#userTable}; either null until built): the recognizer finds
     * the resource and the principal in them from the body's bytes, and the request keeps where
     * ({@link AuthorizeRequest#resourceIndex}, {@link AuthorizeRequest#userIndex}).
     */
    static AuthorizeRequest scratch(byte[] body, int off, int len, KeyTypes types, io.iamgate.json.StringTable resources,
                                    ArnTable<Map<String, RequestContext.Entry>> inventory, ArnTable<Caller> users) {
        Streaming s = STREAMING.get();
        s.request.invalidate(); // whatever held the thread's scratch request holds a stale one from here on
        if (body == null) {
            return null;
        }
        AuthorizeRequest r = BodyRecognizer.read(body, off, len, s, types, resources, inventory, users);
        return r != null ? r : streaming(body, off, len, s, types, resources);
    }

    /** {@link #scratch(byte[], int, int, KeyTypes, io.iamgate.json.StringTable, ArnTable, ArnTable)} with {@code bundle}'s tables. */
    static AuthorizeRequest scratch(byte[] body, int off, int len, io.iamgate.bundle.Bundle bundle) {
        return scratch(body, off, len, bundle.keyTypes(), bundle.resourceArns(), Caller.inventoryTable(bundle), Caller.userTable(bundle));
    }

    /** The byte recognizer alone into this thread's scratch request (for tests): the request, or null where it hands over. */
    static AuthorizeRequest recognized(byte[] body, int off, int len, KeyTypes types, io.iamgate.json.StringTable resources) {
        Streaming s = STREAMING.get();
        s.request.invalidate();
        return BodyRecognizer.read(body, off, len, s, types, resources);
    }

    /** Jackson's streaming tier alone into this thread's scratch request (for tests and the benchmark's A/B): the request, or null. */
    static AuthorizeRequest streamed(byte[] body, int off, int len, KeyTypes types, io.iamgate.json.StringTable resources) {
        Streaming s = STREAMING.get();
        s.request.invalidate();
        return body == null ? null : streaming(body, off, len, s, types, resources);
    }

    private static AuthorizeRequest streaming(byte[] body, int off, int len, Streaming s, KeyTypes types, io.iamgate.json.StringTable resources) {
        if (!plainUtf8(body, off, len)) {
            return null;
        }
        if (len > Streaming.MAX_REUSED_BODY) { // a large body would grow the per-thread buffers for good
            try (JsonParser p = FAST.createNonBlockingByteArrayParser()) {
                ((ByteArrayFeeder) p).feedInput(body, off, off + len);
                ((ByteArrayFeeder) p).endOfInput();
                AuthorizeRequest r = walk(p, s, types, resources);
                return r != null && p.nextToken() == null ? r : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        JsonParser p = s.parser();
        try {
            ((ByteArrayFeeder) p).feedInput(body, off, off + len);
            AuthorizeRequest r = walk(p, s, types, resources);
            if (r != null && s.atCleanEnd()) {
                return r;
            }
        } catch (IOException | RuntimeException e) {
            // refused below; the parser may be mid-document
        }
        s.discard();
        return null;
    }

    /**
     * Whether the byte tier may read {@code body}: no byte order mark and strictly valid UTF-8. Jackson's byte
     * parser skips a BOM and decodes overlong forms (C0 AF as '/') and encoded surrogates without complaint,
     * where the slow tier (a String decoded with replacement) refuses the BOM and sees U+FFFD; such bodies take
     * the slow tier, so both tiers read the same text. ASCII bodies cost one scan (eight bytes a step) and no allocation.
     */
    static boolean plainUtf8(byte[] body, int off, int len) {
        int end = off + len;
        if (len >= 3 && body[off] == (byte) 0xEF && body[off + 1] == (byte) 0xBB && body[off + 2] == (byte) 0xBF) {
            return false;
        }
        int i = off;
        for (; i + 8 <= end; i += 8) { // eight bytes a step: any high bit ends the ASCII run
            if ((body[i] | body[i + 1] | body[i + 2] | body[i + 3] | body[i + 4] | body[i + 5] | body[i + 6] | body[i + 7]) < 0) {
                break;
            }
        }
        for (; i < end; i++) {
            if (body[i] < 0) {
                try {
                    java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(body, i, end - i));
                    return true;
                } catch (java.nio.charset.CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * This thread's non-blocking parser, fed one whole body after another: Jackson reads a sequence of
     * root values, so after a body's closing brace the parser is back at the root, ready for the next
     * body, and keeps its buffers and its canonical field names (context keys then cost no String). A
     * body is kept only when it ends cleanly (nothing but whitespace after its object); after anything
     * else — a syntax error, a refusal mid-body, trailing data — the parser is dropped and the next body
     * gets a new one, so no state of a refused body can reach another. Never shared between threads.
     */
    static final class Streaming {
        /** Bodies above this size get a parser of their own (the limits allow bodies far larger than any normal request). */
        static final int MAX_REUSED_BODY = 64 * 1024;
        /** A parser is renewed after this many bodies (bounds what it accumulates). */
        static final int RENEW_AFTER = 1 << 16;
        /**
         * ... or after this many context keys new to {@link #LOWER_KEYS}: the parser keeps every field name it
         * has seen (its canonical name table), so a stream of distinct keys must not grow it for long.
         */
        static final int RENEW_AFTER_NEW_NAMES = 1024;
        /** Context keys read that {@link #LOWER_KEYS} did not hold (counted by {@link #lower}). */
        int newNames;
        /** This thread's context being read (copied out by build) and room for one lower-cased key. */
        final RequestContext.Small small = RequestContext.small();
        /** The String tier's builder (contexts of their own): never the scratch one, which a decision may still hold. */
        final RequestContext.Small ownedSmall = RequestContext.small();
        /** This thread's scratch request: the byte tier reads every body of the thread into it. */
        final AuthorizeRequest request = AuthorizeRequest.scratch();
        final char[] keyChars = new char[InputLimits.MAX_CONTEXT_KEY];
        /** Room for an IPv4 address value read by the byte recognizer, as characters. */
        final char[] ipChars = new char[64];

        /**
         * What a context key name means, by the parser's canonical name instance (a direct-mapped table checked by
         * identity): its lower-cased form, whether iamgate derives it (refused), and its type under {@link #keyTypesOf}.
         * A name seen before costs one hash read and two identity checks instead of lower-casing and two lookups.
         */
        static final int KEY_SLOTS = 64;
        final String[] keyName = new String[KEY_SLOTS];
        final KeyTypes[] keyTypesOf = new KeyTypes[KEY_SLOTS];
        final String[] keyLower = new String[KEY_SLOTS];
        final boolean[] keyDerived = new boolean[KEY_SLOTS];
        final KeyType[] keyType = new KeyType[KEY_SLOTS];

        /** The slot describing {@code key} (filled now if it described another name or other types). */
        int keySlot(String key, KeyTypes types) {
            int slot = key.hashCode() & (KEY_SLOTS - 1);
            if (keyName[slot] != key || keyTypesOf[slot] != types) {
                String lower = lower(key, this);
                keyName[slot] = null; // never a name with another name's facts, even if a step below throws
                keyLower[slot] = lower;
                keyDerived[slot] = AuthorizeInput.derived(lower);
                keyType[slot] = types.type(lower);
                keyTypesOf[slot] = types;
                keyName[slot] = key;
            }
            return slot;
        }

        private JsonParser parser;
        private int bodies;
        private final TrailingBytes trailing = new TrailingBytes();

        JsonParser parser() {
            if (parser == null || ++bodies > RENEW_AFTER || newNames > RENEW_AFTER_NEW_NAMES) {
                discard();
                newNames = 0;
                try {
                    parser = FAST.createNonBlockingByteArrayParser();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                bodies = 1;
            }
            return parser;
        }

        /** After the closing brace: only whitespace is left, and the parser consumed it (waiting for the next body). */
        boolean atCleanEnd() throws IOException {
            trailing.clean = true;
            parser.releaseBuffered(trailing);
            return trailing.clean && parser.nextToken() == JsonToken.NOT_AVAILABLE;
        }

        void discard() {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException | RuntimeException ignored) {
                    // nothing to release beyond memory
                }
                parser = null;
            }
        }
    }

    /** Checks that the bytes left after a body are JSON whitespace, without keeping them. */
    private static final class TrailingBytes extends java.io.OutputStream {
        boolean clean;

        @Override
        public void write(int b) {
            clean &= b == ' ' || b == '\t' || b == '\n' || b == '\r';
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }

    private static final ThreadLocal<Streaming> STREAMING = ThreadLocal.withInitial(Streaming::new);

    /** Principal ARNs, actions, resource ARNs, context values and lower-cased context keys, by character range. */
    static final CharInterner ARNS = new CharInterner(14, 256);
    static final CharInterner ACTIONS = new CharInterner(11, InputLimits.MAX_ACTION);
    static final CharInterner RESOURCES = new CharInterner(14, 256);
    static final CharInterner VALUES = new CharInterner(12, 64);
    static final CharInterner LOWER_KEYS = new CharInterner(11, InputLimits.MAX_CONTEXT_KEY);

    /** The current string token's text through {@code table}: no String when the table holds it. */
    private static String text(JsonParser p, CharInterner table) throws IOException {
        return table.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /**
     * The request object of a body (not what follows it), or null when the fast tier does not take it: into
     * {@code scratch}'s request when given (the byte tier), else a request of its own.
     */
    private static AuthorizeRequest walk(JsonParser p, Streaming scratch, KeyTypes types, io.iamgate.json.StringTable resources)
            throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String arn = null;
        String action = null;
        String resource = null;
        RequestContext ctx = RequestContext.EMPTY;
        boolean sawContext = false;
        int seen = 0; // one bit per field: a duplicate takes the slow tier, which names it
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int bit = switch (name) {
                case "principal" -> 1;
                case "action" -> 2;
                case "resource" -> 4;
                case "context" -> 8;
                default -> 0;
            };
            if (bit == 0 || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            JsonToken v = p.nextToken();
            switch (bit) {
                case 1 -> {
                    if (v == JsonToken.VALUE_STRING) {
                        arn = text(p, ARNS);
                    } else if (v == JsonToken.START_OBJECT) {
                        arn = principalObject(p); // {arn} only: session tags take the slow tier
                        if (arn == null) {
                            return null;
                        }
                    } else {
                        return null;
                    }
                }
                case 2 -> {
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    action = text(p, ACTIONS);
                }
                case 4 -> {
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    resource = resources == null ? null : resources.find(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    if (resource == null) {
                        resource = text(p, RESOURCES);
                    }
                }
                default -> {
                    sawContext = true;
                    if (v == JsonToken.START_OBJECT) {
                        ctx = context(p, scratch, types);
                        if (ctx == null) {
                            return null;
                        }
                    } else if (v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                }
            }
        }
        if (t != JsonToken.END_OBJECT || arn == null || action == null) {
            return null;
        }
        if (resource == null) {
            resource = "*";
        }
        if (arn.length() > InputLimits.MAX_ARN || !ArnMatcher.looksLikeArn(arn)
                || action.length() > InputLimits.MAX_ACTION || !AuthorizeInput.validAction(action)
                || resource.length() > InputLimits.MAX_ARN || !(resource.equals("*") || ArnMatcher.looksLikeArn(resource))) {
            return null;
        }
        return scratch != null ? scratch.request.set(arn, action, resource, ctx) : new AuthorizeRequest(arn, Map.of(), action, resource, ctx);
    }

    /** {@code {"arn": "..."}} and nothing else; null otherwise. */
    private static String principalObject(JsonParser p) throws IOException {
        String arn = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            if (arn != null || !p.currentName().equals("arn") || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            arn = text(p, ARNS);
        }
        return t == JsonToken.END_OBJECT ? arn : null;
    }

    /** A context object within every limit and rule, or null: the thread's scratch context when {@code scratch} is given. */
    private static RequestContext context(JsonParser p, Streaming scratch, KeyTypes types) throws IOException {
        Streaming s = scratch != null ? scratch : STREAMING.get();
        RequestContext.Small b = (scratch != null ? s.small : s.ownedSmall).clear();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName(); // canonical: a key seen before costs no String
            if (b.size() == InputLimits.MAX_CONTEXT_KEYS || key.isEmpty() || key.length() > InputLimits.MAX_CONTEXT_KEY) {
                return null;
            }
            int slot = s.keySlot(key, types);
            String lower = s.keyLower[slot];
            if (s.keyDerived[slot] || b.containsLower(lower)) {
                return null;
            }
            KeyType type = s.keyType[slot];
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_ARRAY) {
                if (type != null && !type.multivalued()) {
                    return null; // a single-valued key as a list: the slow tier refuses it
                }
                List<String> values = new ArrayList<>(4);
                JsonToken item;
                while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                    String text = scalar(p, item);
                    if (text == null || values.size() == InputLimits.MAX_CONTEXT_VALUES_PER_KEY
                            || (type != null && AuthorizeInput.expected(type, text) != null)) {
                        return null;
                    }
                    values.add(text);
                }
                b.put(lower, new RequestContext.Entry(key, List.copyOf(values), true));
            } else {
                if (scratch != null && type == KeyType.IP_ADDRESS && v == JsonToken.VALUE_STRING) {
                    // an IPv4 address straight from the parser's characters: no String, no address array
                    int len = p.getTextLength();
                    long a = len <= 64 ? ipv4(p.getTextCharacters(), p.getTextOffset(), len) : -1;
                    if (a >= 0) {
                        b.put(lower, b.pooledAddress(key, p.getTextCharacters(), p.getTextOffset(), len, (int) a));
                        continue;
                    }
                }
                String text = scalar(p, v);
                if (text == null) {
                    return null;
                }
                RequestContext.Entry e;
                if (type == KeyType.IP_ADDRESS) { // validated by parsing it once: the entry keeps the address for IpAddress conditions
                    byte[] address = text.indexOf('/') < 0 ? IpAddresses.parse(text.trim()) : null;
                    if (address == null) {
                        return null;
                    }
                    e = RequestContext.Entry.address(key, text, address);
                } else {
                    if (type != null && AuthorizeInput.expected(type, text) != null) {
                        return null;
                    }
                    e = scratch != null ? b.pooled(key, text) : RequestContext.Entry.of(key, text);
                }
                b.put(lower, e);
            }
        }
        return t != JsonToken.END_OBJECT ? null : scratch != null ? b.scratch() : b.build();
    }

    /**
     * The IPv4 address in a character range, as {@code IpAddresses.parse(text.trim())} reads it (four dotted
     * decimal parts of at most three ASCII digits, each at most 255; blanks around it ignored), big-endian in
     * the low 32 bits; -1 when the range is not one (then the String path decides, IPv6 included).
     */
    static long ipv4(char[] c, int off, int len) {
        int from = off;
        int to = off + len;
        while (from < to && c[from] <= ' ') {
            from++;
        }
        while (to > from && c[to - 1] <= ' ') {
            to--;
        }
        long a = 0;
        int i = from;
        for (int part = 0; part < 4; part++) {
            int start = i;
            int v = 0;
            while (i < to && c[i] >= '0' && c[i] <= '9') {
                v = v * 10 + (c[i] - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            if (i == start || v > 255) {
                return -1;
            }
            a = a << 8 | v;
            if (part < 3) {
                if (i >= to || c[i] != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? a : -1;
    }

    /** {@code key.toLowerCase(Locale.ROOT)}; for ASCII keys through a table, so a known key costs no String. */
    static String lowerKey(String key, Streaming s) {
        return lower(key, s);
    }

    private static String lower(String key, Streaming s) {
        char[] c = s.keyChars;
        int n = key.length();
        for (int i = 0; i < n; i++) {
            char ch = key.charAt(i);
            if (ch >= 128) {
                return key.toLowerCase(Locale.ROOT);
            }
            c[i] = ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
        }
        String known = LOWER_KEYS.find(c, 0, n);
        if (known != null) {
            return known;
        }
        s.newNames++;
        return LOWER_KEYS.intern(c, 0, n);
    }

    /** A scalar's text (numbers and booleans as written) within the value limit, or null. */
    private static String scalar(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE) {
            return "true";
        }
        if (t == JsonToken.VALUE_FALSE) {
            return "false";
        }
        if (!(t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)) {
            return null;
        }
        if (p.getTextLength() > InputLimits.MAX_CONTEXT_VALUE) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.canParseAsync() && p.getTextLength() == 1 && p.getTextCharacters()[p.getTextOffset()] == '0') {
            return null; // Jackson's byte parser reports -0 as "0" (the sign is lost): a zero takes the slow tier, which keeps it as written
        }
        return text(p, VALUES);
    }
}
