package io.iamgate.authz;

import io.iamgate.eval.RequestContext;
import io.iamgate.json.StringTable;
import io.iamgate.policy.IpAddresses;
import io.iamgate.validate.KeyType;
import io.iamgate.validate.KeyTypes;

import java.util.ArrayList;
import java.util.List;

/**
 * The first tier of {@link RequestReader}'s byte path: a recognizer for the common, strict shape of an authorize
 * body, written for this one schema, that reads it without a general JSON parser. It returns null — hands the body to
 * Jackson's streaming tier, and through it to the positional tier that names errors — at the first thing outside
 * its subset, so it never refuses anything itself and never reads a body another way than those tiers would.
 *
 * <p>The subset, all of it valid JSON that the streaming tier reads to the same request:
 * <ul>
 *   <li>at most {@value #MAX_BODY} bytes, every one ASCII (no byte order mark, nothing to decode);</li>
 *   <li>one object, then only JSON whitespace (space, tab, CR, LF), which is the only whitespace taken between
 *   tokens;</li>
 *   <li>its fields spelled exactly {@code principal}, {@code action}, {@code resource}, {@code context}, each at most
 *   once; {@code principal} a string or {@code {"arn": string}} (no session tags); {@code action} and
 *   {@code resource} strings; {@code context} null or an object;</li>
 *   <li>strings of printable ASCII (0x20–0x7E) without escapes;</li>
 *   <li>context values: strings, {@code true}, {@code false}, integers without a leading zero or fraction
 *   ({@code -?[1-9][0-9]*}, at most 18 digits), or an array of those;</li>
 *   <li>every limit of {@link InputLimits} and every rule of {@link AuthorizeInput} the streaming tier checks (ARN
 *   shapes, the action's characters, derived and duplicate context keys ignoring case, typed keys' values, a list for
 *   a single-valued key).</li>
 * </ul>
 * Anything else — an escape, a non-ASCII byte, an unknown, duplicate or differently cased field, null or an object
 * as a context value, a fraction or exponent, a trailing comma, trailing data, a truncated body — is null here.
 *
 * <p>It fuses what the streaming tier does in separate passes (the UTF-8 check, decoding to characters, tokenizing,
 * then hashing each value): it works on the bytes as they arrived, finds each string's end eight bytes a step (the
 * same step rejects an escape, a control character or a non-ASCII byte, so no separate check or decoding is needed),
 * hashes each string in the same step ({@link #scan}), and hands each value's byte range and hash straight to the lookup
 * tables (the snapshot's user and inventory tables, then its own {@link AsciiInterner}s for actions, context keys and
 * values, whose entries also keep what was checked about them once), so a value seen before costs no String and no second
 * pass over its bytes. Pure: no state but the thread's scratch request,
 * context and buffers in {@link RequestReader.Streaming}.
 */
final class BodyRecognizer {
    /** Bodies above this size go to the streaming tier (any normal authorize body is far smaller). */
    static final int MAX_BODY = 4096;
    /** Digits of an integer context value the recognizer takes (longer ones: the streaming tier). */
    private static final int MAX_DIGITS = 18;

    private BodyRecognizer() {
    }

    /** The request in the body, in {@code s}'s scratch request; null when the body is outside the subset. */
    static AuthorizeRequest read(byte[] body, int off, int len, RequestReader.Streaming s, KeyTypes types, StringTable resources) {
        return read(body, off, len, s, types, resources, null, null);
    }

    /**
     * {@link #read(byte[], int, int, RequestReader.Streaming, KeyTypes, StringTable)}, finding the principal in the
     * snapshot's {@code users} table and the resource in its {@code inventory} table straight from the body's bytes
     * (either may be null: not built yet); the request keeps the tables' own Strings and the indexes
     * ({@link AuthorizeRequest#found}).
     */
    static AuthorizeRequest read(byte[] body, int off, int len, RequestReader.Streaming s, KeyTypes types, StringTable resources,
                                 ArnTable<java.util.Map<String, RequestContext.Entry>> inventory, ArnTable<Caller> users) {
        if (len < 2 || len > MAX_BODY || off < 0 || off + len > body.length) {
            return null;
        }
        try {
            return object(body, off, off + len, s, types, resources, inventory, users);
        } catch (RuntimeException e) {
            return null; // as the streaming tier: a failure here hands the body on (the tiers after it decide), never a 500
        }
    }

    private static AuthorizeRequest object(byte[] c, int start, int n, RequestReader.Streaming s, KeyTypes types, StringTable resources,
                                           ArnTable<java.util.Map<String, RequestContext.Entry>> inventory, ArnTable<Caller> users) {
        int i = ws(c, start, n);
        if (i >= n || c[i] != '{') {
            return null;
        }
        int arnFrom = -1; // the principal's and the resource's byte ranges, looked up after the scan (both at once)
        int arnLen = -1;
        int arnHash = 0; // their hashes under their tables' seeds, computed by the scan
        String action = null;
        int resFrom = -1;
        int resLen = -1; // -1: absent ("*")
        int resHash = 0;
        RequestContext ctx = RequestContext.EMPTY;
        boolean actionShape = false;
        int seen = 0;
        i = ws(c, i + 1, n);
        if (i >= n || c[i] != '"') {
            return null; // "{}" lacks the principal; anything else is not a field
        }
        while (true) {
            // at a field name's opening quote
            int from = i + 1;
            int to = fieldEnd(c, from, n);
            int bit = to < 0 ? 0 : switch (to - from) { // the name fieldEnd matched, by its length
                case 9 -> 1; // principal
                case 6 -> 2; // action
                case 8 -> 4; // resource
                default -> 8; // context
            };
            if (bit == 0 || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            i = ws(c, to + 1, n);
            if (i >= n || c[i] != ':') {
                return null;
            }
            i = ws(c, i + 1, n);
            if (i >= n) {
                return null;
            }
            switch (bit) {
                case 1 -> { // principal: an ARN, or {"arn": ARN}
                    int v;
                    long r;
                    long seed = users == null ? 0 : users.seed();
                    if (c[i] == '"') {
                        v = i + 1;
                        r = scan(c, v, n, seed);
                        if ((int) r < 0) {
                            return null;
                        }
                        i = (int) r + 1;
                    } else if (c[i] == '{') {
                        i = ws(c, i + 1, n);
                        if (i + 6 > n || c[i] != '"' || c[i + 1] != 'a' || c[i + 2] != 'r' || c[i + 3] != 'n' || c[i + 4] != '"') {
                            return null;
                        }
                        i = ws(c, i + 5, n);
                        if (i >= n || c[i] != ':') {
                            return null;
                        }
                        i = ws(c, i + 1, n);
                        if (i >= n || c[i] != '"') {
                            return null;
                        }
                        v = i + 1;
                        r = scan(c, v, n, seed);
                        if ((int) r < 0) {
                            return null;
                        }
                        i = ws(c, (int) r + 1, n);
                        if (i >= n || c[i] != '}') {
                            return null; // a second field (session tags, a duplicate arn): the streaming tier
                        }
                        i++;
                    } else {
                        return null;
                    }
                    int l = (int) r - v;
                    if (l > InputLimits.MAX_ARN) {
                        return null;
                    }
                    arnFrom = v;
                    arnLen = l;
                    arnHash = (int) (r >>> 32);
                }
                case 2 -> { // action
                    if (c[i] != '"') {
                        return null;
                    }
                    long r = scan(c, i + 1, n, SEED);
                    int vEnd = (int) r;
                    int l = vEnd - i - 1;
                    if (vEnd < 0 || l > InputLimits.MAX_ACTION) {
                        return null;
                    }
                    int h = (int) (r >>> 32);
                    Action a = ACTIONS.find(c, i + 1, l, h);
                    if (a == null) {
                        a = ACTIONS.keep(new Action(c, i + 1, l, h));
                    }
                    actionShape = a.valid;
                    action = a.action;
                    i = vEnd + 1;
                }
                case 4 -> { // resource
                    if (c[i] != '"') {
                        return null;
                    }
                    long r = scan(c, i + 1, n, inventory == null ? 0 : inventory.seed());
                    int vEnd = (int) r;
                    int l = vEnd - i - 1;
                    if (vEnd < 0 || l > InputLimits.MAX_ARN) {
                        return null;
                    }
                    resFrom = i + 1;
                    resLen = l;
                    resHash = (int) (r >>> 32);
                    i = vEnd + 1;
                }
                default -> { // context: null or an object
                    if (c[i] == 'n') {
                        if (i + 4 > n || c[i + 1] != 'u' || c[i + 2] != 'l' || c[i + 3] != 'l') {
                            return null;
                        }
                        i += 4;
                    } else if (c[i] == '{') {
                        RequestContext.Small b = s.small.clear();
                        i = context(c, i + 1, n, s, b, types);
                        if (i < 0) {
                            return null;
                        }
                        ctx = b.scratch();
                    } else {
                        return null;
                    }
                }
            }
            i = ws(c, i, n);
            if (i >= n) {
                return null;
            }
            if (c[i] == '}') {
                i++;
                break;
            }
            if (c[i] != ',') {
                return null;
            }
            i = ws(c, i + 1, n);
            if (i >= n || c[i] != '"') {
                return null;
            }
        }
        if (ws(c, i, n) != n || arnFrom < 0 || action == null) {
            return null; // trailing data, or a required field missing (the positional tier names it)
        }
        if (!actionShape) {
            return null;
        }
        return lookUp(c, arnFrom, arnLen, arnHash, action, resFrom, resLen, resHash, ctx, s.request, resources, inventory, users);
    }

    /**
     * The principal and the resource of an accepted body looked up in the snapshot's tables, both at once
     * ({@link ArnTable#findBoth}: on a large bundle each probe is a chain of cache misses, and the two chains overlap),
     * then the found entries' keys and values read side by side; the request keeps the tables' own Strings, the indexes
     * and the values ({@link AuthorizeRequest#found}). Where a table is absent (not built yet) or does not hold the
     * range, the interners (and the inventory's {@link StringTable}) give the String as before.
     */
    private static AuthorizeRequest lookUp(byte[] c, int arnFrom, int arnLen, int arnHash, String action, int resFrom, int resLen, int resHash,
                                           RequestContext ctx, AuthorizeRequest r, StringTable resources,
                                           ArnTable<java.util.Map<String, RequestContext.Entry>> inventory, ArnTable<Caller> users) {
        int user;
        int inventoried;
        if (users != null && inventory != null && resLen >= 0) {
            long both = ArnTable.findBothHashed(users, arnHash, c, arnFrom, arnLen, inventory, resHash, resFrom, resLen);
            user = ArnTable.first(both);
            inventoried = ArnTable.second(both);
        } else {
            user = users == null ? -1 : users.findHashed(arnHash, c, arnFrom, arnLen);
            inventoried = inventory == null || resLen < 0 ? -1 : inventory.findHashed(resHash, c, resFrom, resLen);
        }
        // the entries' four reads (two keys, two values) issued together, before any is used
        String arn = user >= 0 ? users.key(user) : null;
        Caller caller = user >= 0 ? users.value(user) : null;
        String resource = inventoried >= 0 ? inventory.key(inventoried) : null;
        java.util.Map<String, RequestContext.Entry> tags = inventoried >= 0 ? inventory.value(inventoried) : null;
        // the shapes: a range a table holds has its keys' shape (equal bytes), so a table of ARN-shaped keys answers for its
        // hits, and a range met before has the shape its entry recorded; anything else is checked on the body's bytes
        if (arn == null || !users.allArnShaped()) {
            Arn a = arn(PRINCIPAL_ARNS, c, arnFrom, arnLen, arnHash, RequestReader.ARNS);
            if (!a.shaped) {
                return null;
            }
            if (arn == null) {
                arn = a.arn;
            }
        }
        if (resLen >= 0 && (resource == null || !inventory.allArnShaped()) && !(resLen == 1 && c[resFrom] == '*')) {
            String known = resource == null && inventory == null && resources != null ? resources.findAscii(c, resFrom, resLen) : null;
            Arn a = arn(RESOURCE_ARNS, c, resFrom, resLen, resHash, RequestReader.RESOURCES);
            if (!a.shaped) {
                return null;
            }
            if (resource == null) {
                resource = known != null ? known : a.arn; // the bundle's own String while the tables are not built
            }
        }
        if (resource == null) {
            resource = "*";
        }
        return r.set(arn, action, resource, ctx, users, user, caller, inventory, inventoried, tags);
    }

    /**
     * A principal or resource ARN met before that its snapshot table does not hold (a role session, an unknown caller, a
     * resource outside the inventory): its String (the streaming tier's instance where it had one) and whether it has an
     * ARN's shape, found by the scan's hash under that table's seed (an entry kept under another snapshot's seed has another
     * hash and is replaced when met).
     */
    static final class Arn extends AsciiInterner.Entry {
        final String arn;
        final boolean shaped;

        Arn(byte[] c, int off, int len, int hash, io.iamgate.json.CharInterner strings) {
            super(c, off, len, hash);
            this.arn = strings.internAscii(c, off, len);
            this.shaped = looksLikeArn(c, off, len);
        }
    }

    static final AsciiInterner<Arn> PRINCIPAL_ARNS = new AsciiInterner<>(14);
    static final AsciiInterner<Arn> RESOURCE_ARNS = new AsciiInterner<>(14);
    /** ARNs longer than this are not kept (as {@link RequestReader#ARNS}). */
    private static final int MAX_KEPT_ARN = 256;

    /** The entry of the ARN in the range (hash from {@link #scan}): a kept one when equal, else a new one (kept when short). */
    private static Arn arn(AsciiInterner<Arn> table, byte[] c, int off, int len, int hash, io.iamgate.json.CharInterner strings) {
        Arn a = table.find(c, off, len, hash);
        if (a != null) {
            return a;
        }
        a = new Arn(c, off, len, hash, strings);
        return len > MAX_KEPT_ARN ? a : table.keep(a);
    }

    /** {@link io.iamgate.match.ArnMatcher#looksLikeArn} of a range of ASCII bytes: {@code arn:} and at least five colons. */
    static boolean looksLikeArn(byte[] c, int from, int len) {
        if (len < 4 || c[from] != 'a' || c[from + 1] != 'r' || c[from + 2] != 'n' || c[from + 3] != ':') {
            return false;
        }
        int colons = 1;
        for (int i = from + 4, end = from + len; i < end && colons < 5; i++) {
            if (c[i] == ':') {
                colons++;
            }
        }
        return colons == 5;
    }

    /** The eight bytes from {@code i} as one little-endian word (the caller checked {@code i + 8 <= n}). */
    private static long word(byte[] c, int i) {
        return (long) LONGS.get(c, i);
    }

    private static final long PRINCIPA = ascii("principa");
    private static final long ACTION_Q = ascii("action\"");
    private static final long RESOURCE = ascii("resource");
    private static final long CONTEXT_Q = ascii("context\"");
    private static final long SEVEN = 0x00FFFFFFFFFFFFFFL;

    /** Up to eight ASCII characters as a little-endian word (the first character lowest). */
    private static long ascii(String s) {
        long w = 0;
        for (int k = s.length() - 1; k >= 0; k--) {
            w = w << 8 | s.charAt(k);
        }
        return w;
    }

    /**
     * The closing quote of the field name whose characters start at {@code from}, matched as words against the four names
     * and their closing quote ({@code principal"}, {@code action"}, {@code resource"}, {@code context"}): no byte-by-byte
     * scan; -1 for any other name (which the recognizer refuses: the names are plain ASCII letters, so a name is one of
     * the four, spelled exactly and unescaped, exactly when its bytes and the quote after them are).
     */
    private static int fieldEnd(byte[] c, int from, int n) {
        if (from + 10 > n) {
            return -1; // no body ends right after a field name
        }
        long w = word(c, from);
        if (w == PRINCIPA) {
            return c[from + 8] == 'l' && c[from + 9] == '"' ? from + 9 : -1;
        }
        if (w == RESOURCE) {
            return c[from + 8] == '"' ? from + 8 : -1;
        }
        if (w == CONTEXT_Q) {
            return from + 7;
        }
        return (w & SEVEN) == ACTION_Q ? from + 6 : -1;
    }

    /**
     * The members of a context object from just after its brace, into {@code b}; the index after its closing brace, or -1
     * when anything is outside the subset (then the streaming tier reads the body again from the start).
     */
    private static int context(byte[] c, int i, int n, RequestReader.Streaming s, RequestContext.Small b, KeyTypes types) {
        i = ws(c, i, n);
        if (i >= n) {
            return -1;
        }
        if (c[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (c[i] != '"') {
                return -1;
            }
            long r = scan(c, i + 1, n, SEED);
            int kEnd = (int) r;
            int kLen = kEnd - i - 1;
            if (kEnd < 0 || kLen == 0 || kLen > InputLimits.MAX_CONTEXT_KEY || b.size() == InputLimits.MAX_CONTEXT_KEYS) {
                return -1;
            }
            Key k = key(c, i + 1, kLen, (int) (r >>> 32), s, types);
            String key = k.key;
            String lower = k.lower;
            if (k.derived || b.containsLower(lower)) {
                return -1;
            }
            KeyType type = k.type;
            i = ws(c, kEnd + 1, n);
            if (i >= n || c[i] != ':') {
                return -1;
            }
            i = ws(c, i + 1, n);
            if (i >= n) {
                return -1;
            }
            if (c[i] == '[') {
                if (type != null && !type.multivalued()) {
                    return -1; // a single-valued key as a list: refused by the positional tier
                }
                List<String> values = new ArrayList<>(4);
                i = ws(c, i + 1, n);
                if (i < n && c[i] == ']') {
                    i++;
                } else {
                    while (true) {
                        int vEnd = scalarEnd(c, i, n);
                        if (vEnd < 0 || values.size() == InputLimits.MAX_CONTEXT_VALUES_PER_KEY) {
                            return -1;
                        }
                        String text = scalar(c, i, vEnd);
                        if (type != null && AuthorizeInput.expected(type, text) != null) {
                            return -1;
                        }
                        values.add(text);
                        i = ws(c, vEnd, n);
                        if (i >= n) {
                            return -1;
                        }
                        if (c[i] == ']') {
                            i++;
                            break;
                        }
                        if (c[i] != ',') {
                            return -1;
                        }
                        i = ws(c, i + 1, n);
                        if (i >= n) {
                            return -1;
                        }
                    }
                }
                b.put(lower, new RequestContext.Entry(key, List.copyOf(values), true));
            } else {
                int vEnd;
                int valueHash = 0;
                if (c[i] == '"') { // a string: its hash from the scan, for the value table
                    long v = scan(c, i + 1, n, SEED);
                    vEnd = (int) v;
                    if (vEnd < 0 || vEnd - i - 1 > InputLimits.MAX_CONTEXT_VALUE) {
                        return -1;
                    }
                    vEnd++;
                    valueHash = (int) (v >>> 32);
                } else {
                    vEnd = scalarEnd(c, i, n);
                    if (vEnd < 0) {
                        return -1;
                    }
                }
                if (type == KeyType.IP_ADDRESS) {
                    if (c[i] != '"') {
                        return -1; // true or a number: not an IP address
                    }
                    int len = vEnd - i - 2;
                    long a = -1;
                    char[] ip = s.ipChars;
                    if (len <= ip.length) {
                        for (int x = 0; x < len; x++) {
                            ip[x] = (char) c[i + 1 + x];
                        }
                        a = RequestReader.ipv4(ip, 0, len);
                    }
                    if (a >= 0) { // an IPv4 address straight from the characters: no String, no address array
                        b.put(lower, b.pooledAddress(key, ip, 0, len, (int) a));
                    } else {
                        String text = value(c, i + 1, len, valueHash);
                        byte[] address = text.indexOf('/') < 0 ? IpAddresses.parse(text.trim()) : null;
                        if (address == null) {
                            return -1;
                        }
                        b.put(lower, RequestContext.Entry.address(key, text, address));
                    }
                } else {
                    String text = c[i] == '"' ? value(c, i + 1, vEnd - i - 2, valueHash) : scalar(c, i, vEnd);
                    boolean literalBool = c[i] == 't' || c[i] == 'f'; // true or false as JSON: what a Bool key takes, unparsed
                    if (type != null && !(literalBool && (type == KeyType.BOOL || type == KeyType.ARRAY_OF_BOOL))
                            && AuthorizeInput.expected(type, text) != null) {
                        return -1;
                    }
                    b.put(lower, b.pooled(key, text));
                }
                i = vEnd;
            }
            i = ws(c, i, n);
            if (i >= n) {
                return -1;
            }
            if (c[i] == '}') {
                return i + 1;
            }
            if (c[i] != ',') {
                return -1;
            }
            i = ws(c, i + 1, n);
            if (i >= n) {
                return -1;
            }
        }
    }

    /**
     * The end (exclusive) of the scalar at {@code i}: a string within the value limit (its closing quote included),
     * {@code true}, {@code false}, or an integer without a leading zero; -1 for anything else.
     */
    private static int scalarEnd(byte[] c, int i, int n) {
        byte ch = c[i];
        if (ch == '"') {
            int e = string(c, i + 1, n);
            return e < 0 || e - i - 1 > InputLimits.MAX_CONTEXT_VALUE ? -1 : e + 1;
        }
        if (ch == 't') {
            return i + 4 <= n && c[i + 1] == 'r' && c[i + 2] == 'u' && c[i + 3] == 'e' ? i + 4 : -1;
        }
        if (ch == 'f') {
            return i + 5 <= n && c[i + 1] == 'a' && c[i + 2] == 'l' && c[i + 3] == 's' && c[i + 4] == 'e' ? i + 5 : -1;
        }
        int k = ch == '-' ? i + 1 : i;
        if (k >= n || c[k] < '1' || c[k] > '9') {
            return -1; // null, an object, a leading zero, a bare sign: the streaming tier
        }
        int start = k;
        while (k < n && c[k] >= '0' && c[k] <= '9') {
            k++;
        }
        return k - start > MAX_DIGITS ? -1 : k; // a fraction or exponent after it is not a delimiter: refused by the caller
    }

    /** The text of the scalar in {@code [i, end)} as the streaming tier keeps it. */
    private static String scalar(byte[] c, int i, int end) {
        byte ch = c[i];
        if (ch == '"') {
            return RequestReader.VALUES.internAscii(c, i + 1, end - i - 2);
        }
        if (ch == 't') {
            return "true";
        }
        if (ch == 'f') {
            return "false";
        }
        return RequestReader.VALUES.internAscii(c, i, end - i);
    }

    /** The index of the closing quote of a string whose characters start at {@code i}; -1 as {@link #scan}. */
    private static int string(byte[] c, int i, int n) {
        return (int) scan(c, i, n, SEED);
    }

    /**
     * The index of the closing quote of a string whose characters start at {@code from} (the low 32 bits), and the hash of
     * its characters under {@code seed} ({@link ArnTable#rawHash}, the high 32 bits); -1 at an escape, a control character,
     * DEL, a byte above 0x7F, or the end. Eight bytes a step: {@link #special} flags the bytes that end a plain run, and each
     * whole word of the string goes into the hash as it passes ({@link ArnTable#mix}), so no lookup reads the bytes again to
     * hash them.
     */
    static long scan(byte[] c, int from, int n, long seed) {
        long h = seed;
        int i = from;
        for (; i + 8 <= n; i += 8) {
            long w = (long) LONGS.get(c, i);
            long m = special(w);
            if (m != 0) {
                int k = Long.numberOfTrailingZeros(m) >>> 3; // the first flagged byte: exact
                int j = i + k;
                if (c[j] != '"') {
                    return -1;
                }
                return (long) ArnTable.finish(h, w & (1L << (k << 3)) - 1, j - from) << 32 | j; // the bytes before the quote
            }
            h = ArnTable.mix(h, w);
        }
        long w = 0;
        for (int sh = 0; i < n; i++, sh += 8) { // fewer than eight bytes left in the body
            byte x = c[i];
            if (x == '"') {
                return (long) ArnTable.finish(h, w, i - from) << 32 | i;
            }
            if (x < 0x20 || x == '\\' || x == 0x7F) { // a byte above 0x7F is negative
                return -1;
            }
            w |= (long) x << sh;
        }
        return -1;
    }

    /** The seed of the scan's hash for the recognizer's own tables ({@link #ACTIONS}, {@link #KEYS}, {@link #VALUES}). */
    static final long SEED = java.util.concurrent.ThreadLocalRandom.current().nextLong();

    /** An action met before: its String (the streaming tier's instance when it had one) and whether it has an action's shape. */
    static final class Action extends AsciiInterner.Entry {
        final String action;
        final boolean valid;

        Action(byte[] c, int off, int len, int hash) {
            super(c, off, len, hash);
            this.action = RequestReader.ACTIONS.internAscii(c, off, len);
            this.valid = AuthorizeInput.validAction(c, off, len);
        }
    }

    /** A context key met before, as sent: its String, lower case, whether iamgate derives it, and its type under {@link #types}. */
    static final class Key extends AsciiInterner.Entry {
        final String key;
        final String lower;
        final boolean derived;
        final KeyType type;
        final KeyTypes types;

        Key(byte[] c, int off, int len, int hash, RequestReader.Streaming s, KeyTypes types) {
            super(c, off, len, hash);
            this.key = new String(c, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
            this.lower = RequestReader.lowerKey(key, s);
            this.derived = AuthorizeInput.derived(lower);
            this.type = types.type(lower);
            this.types = types;
        }
    }

    /** A string context value met before (the streaming tier's instance when it had one). */
    static final class Value extends AsciiInterner.Entry {
        final String text;

        Value(byte[] c, int off, int len, int hash) {
            super(c, off, len, hash);
            this.text = RequestReader.VALUES.internAscii(c, off, len);
        }
    }

    static final AsciiInterner<Action> ACTIONS = new AsciiInterner<>(11);
    static final AsciiInterner<Key> KEYS = new AsciiInterner<>(11);
    static final AsciiInterner<Value> VALUES = new AsciiInterner<>(12);
    /** Values longer than this are not kept (as {@link RequestReader#VALUES}). */
    private static final int MAX_KEPT_VALUE = 64;

    /** The facts of the context key in the range (hash from {@link #scan}), under {@code types}: kept ones when they match. */
    private static Key key(byte[] c, int off, int len, int hash, RequestReader.Streaming s, KeyTypes types) {
        Key k = KEYS.find(c, off, len, hash);
        if (k != null && k.types == types) {
            return k;
        }
        return KEYS.keep(new Key(c, off, len, hash, s, types));
    }

    /** The String of a string value's characters (hash from {@link #scan}): a kept one when equal. */
    private static String value(byte[] c, int off, int len, int hash) {
        if (len > MAX_KEPT_VALUE) {
            return RequestReader.VALUES.internAscii(c, off, len);
        }
        Value v = VALUES.find(c, off, len, hash);
        return v != null ? v.text : VALUES.keep(new Value(c, off, len, hash)).text;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
            java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    /**
     * The high bit of each byte of {@code w} (little-endian: the first byte lowest) that is a quote, a backslash, below 0x20,
     * DEL or above 0x7F. The subtraction trick can also flag a byte above a flagged one (a borrow), never one below, so the
     * lowest flag is always exact, which is the only one read; likewise {@code w + ONES}, which sets the high bit of 0x7F
     * (and carries only out of 0xFF, itself flagged by {@code w}), so DEL and every byte above it cost one add and one or.
     */
    static long special(long w) {
        long q = w ^ 0x2222222222222222L;
        long b = w ^ 0x5C5C5C5C5C5C5C5CL;
        return ((q - ONES) & ~q | (b - ONES) & ~b | (w - 0x2020202020202020L) & ~w | (w + ONES) | w) & HIGH;
    }

    /** The first index from {@code i} that is not JSON whitespace. */
    private static int ws(byte[] c, int i, int n) {
        if (i < n && c[i] > ' ') {
            return i; // compact JSON: no whitespace between tokens
        }
        while (i < n) {
            byte ch = c[i];
            if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
