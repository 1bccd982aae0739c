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
 * and hands each value's byte range straight to the lookup tables (the bundle's resource table, then the interners
 * the streaming tier uses), so a value seen before costs no String. Pure: no state but the thread's scratch request,
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
        String action = null;
        int resFrom = -1;
        int resLen = -1; // -1: absent ("*")
        RequestContext ctx = RequestContext.EMPTY;
        boolean arnShape = false;
        boolean actionShape = false;
        boolean resourceShape = true; // "*" when absent
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
                    int vEnd;
                    if (c[i] == '"') {
                        v = i + 1;
                        vEnd = string(c, v, n);
                        if (vEnd < 0) {
                            return null;
                        }
                        i = vEnd + 1;
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
                        vEnd = string(c, v, n);
                        if (vEnd < 0) {
                            return null;
                        }
                        i = ws(c, vEnd + 1, n);
                        if (i >= n || c[i] != '}') {
                            return null; // a second field (session tags, a duplicate arn): the streaming tier
                        }
                        i++;
                    } else {
                        return null;
                    }
                    int l = vEnd - v;
                    if (l > InputLimits.MAX_ARN) {
                        return null;
                    }
                    arnShape = looksLikeArn(c, v, l);
                    arnFrom = v;
                    arnLen = l;
                }
                case 2 -> { // action
                    if (c[i] != '"') {
                        return null;
                    }
                    int vEnd = string(c, i + 1, n);
                    if (vEnd < 0 || vEnd - i - 1 > InputLimits.MAX_ACTION) {
                        return null;
                    }
                    actionShape = AuthorizeInput.validAction(c, i + 1, vEnd - i - 1);
                    action = RequestReader.ACTIONS.internAscii(c, i + 1, vEnd - i - 1);
                    i = vEnd + 1;
                }
                case 4 -> { // resource
                    if (c[i] != '"') {
                        return null;
                    }
                    int vEnd = string(c, i + 1, n);
                    int l = vEnd - i - 1;
                    if (vEnd < 0 || l > InputLimits.MAX_ARN) {
                        return null;
                    }
                    resourceShape = l == 1 && c[i + 1] == '*' || looksLikeArn(c, i + 1, l);
                    resFrom = i + 1;
                    resLen = l;
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
        if (!arnShape || !actionShape || !resourceShape) {
            return null; // checked on the body's bytes (in cache), not on the Strings (an interned or bundle String may be cold)
        }
        return lookUp(c, arnFrom, arnLen, action, resFrom, resLen, ctx, s.request, resources, inventory, users);
    }

    /**
     * The principal and the resource of an accepted body looked up in the snapshot's tables, both at once
     * ({@link ArnTable#findBoth}: on a large bundle each probe is a chain of cache misses, and the two chains overlap),
     * then the found entries' keys and values read side by side; the request keeps the tables' own Strings, the indexes
     * and the values ({@link AuthorizeRequest#found}). Where a table is absent (not built yet) or does not hold the
     * range, the interners (and the inventory's {@link StringTable}) give the String as before.
     */
    private static AuthorizeRequest lookUp(byte[] c, int arnFrom, int arnLen, String action, int resFrom, int resLen, RequestContext ctx,
                                           AuthorizeRequest r, StringTable resources,
                                           ArnTable<java.util.Map<String, RequestContext.Entry>> inventory, ArnTable<Caller> users) {
        int user;
        int inventoried;
        if (users != null && inventory != null && resLen >= 0) {
            long both = ArnTable.findBoth(users, c, arnFrom, arnLen, inventory, resFrom, resLen);
            user = ArnTable.first(both);
            inventoried = ArnTable.second(both);
        } else {
            user = users == null ? -1 : users.find(c, arnFrom, arnLen);
            inventoried = inventory == null || resLen < 0 ? -1 : inventory.find(c, resFrom, resLen);
        }
        // the entries' four reads (two keys, two values) issued together, before any is used
        String arn = user >= 0 ? users.key(user) : null;
        Caller caller = user >= 0 ? users.value(user) : null;
        String resource = inventoried >= 0 ? inventory.key(inventoried) : null;
        java.util.Map<String, RequestContext.Entry> tags = inventoried >= 0 ? inventory.value(inventoried) : null;
        if (arn == null) {
            arn = RequestReader.ARNS.internAscii(c, arnFrom, arnLen);
        }
        if (resource == null) {
            if (resLen < 0) {
                resource = "*";
            } else {
                resource = inventory == null && resources != null ? resources.findAscii(c, resFrom, resLen) : null;
                if (resource == null) {
                    resource = RequestReader.RESOURCES.internAscii(c, resFrom, resLen);
                }
            }
        }
        return r.set(arn, action, resource, ctx).found(users, user, caller, inventory, inventoried, tags);
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
            int kEnd = string(c, i + 1, n);
            int kLen = kEnd - i - 1;
            if (kEnd < 0 || kLen == 0 || kLen > InputLimits.MAX_CONTEXT_KEY || b.size() == InputLimits.MAX_CONTEXT_KEYS) {
                return -1;
            }
            String key = RequestReader.KEYS.internAscii(c, i + 1, kLen);
            int slot = s.keySlot(key, types);
            String lower = s.keyLower[slot];
            if (s.keyDerived[slot] || b.containsLower(lower)) {
                return -1;
            }
            KeyType type = s.keyType[slot];
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
                int vEnd = scalarEnd(c, i, n);
                if (vEnd < 0) {
                    return -1;
                }
                if (type == KeyType.IP_ADDRESS) {
                    if (c[i] != '"') {
                        return -1; // true or a number: not an IP address
                    }
                    int len = vEnd - i - 2;
                    long a = -1;
                    char[] ip = s.ipChars;
                    if (len <= ip.length) {
                        for (int k = 0; k < len; k++) {
                            ip[k] = (char) c[i + 1 + k];
                        }
                        a = RequestReader.ipv4(ip, 0, len);
                    }
                    if (a >= 0) { // an IPv4 address straight from the characters: no String, no address array
                        b.put(lower, b.pooledAddress(key, ip, 0, len, (int) a));
                    } else {
                        String text = scalar(c, i, vEnd);
                        byte[] address = text.indexOf('/') < 0 ? IpAddresses.parse(text.trim()) : null;
                        if (address == null) {
                            return -1;
                        }
                        b.put(lower, RequestContext.Entry.address(key, text, address));
                    }
                } else {
                    String text = scalar(c, i, vEnd);
                    if (type != null && AuthorizeInput.expected(type, text) != null) {
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

    /**
     * The index of the closing quote of a string whose characters start at {@code i}; -1 at an escape, a control character,
     * DEL, a byte above 0x7F, or the end. Eight bytes a step: {@link #special} flags the bytes that end a plain run.
     */
    private static int string(byte[] c, int i, int n) {
        for (; i + 8 <= n; i += 8) {
            long m = special((long) LONGS.get(c, i));
            if (m != 0) {
                int j = i + (Long.numberOfTrailingZeros(m) >>> 3);
                return c[j] == '"' ? j : -1;
            }
        }
        for (; i < n; i++) {
            byte x = c[i];
            if (x == '"') {
                return i;
            }
            if (x < 0x20 || x == '\\' || x == 0x7F) { // a byte above 0x7F is negative
                return -1;
            }
        }
        return -1;
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
