package io.iamgate.presign;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The original request target a gateway reports (path and query, as sent by the client), decoded and
 * checked once so that what iamgate authorizes is exactly what a router behind nginx, Traefik or
 * Envoy routes (docs/presign-gate.md).
 *
 * <p>The path is percent-decoded once and split into segments; instead of being interpreted
 * (normalised), anything that a router, a proxy or a backend could read differently is refused:
 * <ul>
 *   <li>a dot segment ({@code .}, {@code ..}, or a segment of only dots and spaces), raw or encoded;</li>
 *   <li>an empty segment ({@code //}) anywhere but the final trailing slash;</li>
 *   <li>an encoded {@code /}, {@code \}, {@code %} (double encoding), {@code ;}, {@code ?} or {@code #};</li>
 *   <li>a raw {@code \}, {@code ;}, {@code #}, space, control character or any byte outside RFC 3986's
 *       path characters;</li>
 *   <li>percent-encoding of an unreserved character ({@code %61}, {@code %2e}, …): RFC 3986 makes it
 *       equal to the character, and routers differ on whether they decode it;</li>
 *   <li>invalid percent-encoding, invalid or overlong UTF-8, encoded control or format characters,
 *       and non-ASCII characters that are compatibility forms of ASCII (fullwidth {@code ．／＼}, …).</li>
 * </ul>
 * What is accepted has one meaning: the decoded path equals the raw path except for percent-encoded
 * characters that cannot change the segment structure, which is nginx's {@code $uri} and what
 * Envoy (with the options in the README) and Traefik route.
 *
 * @param rawPath the path as sent (validated)
 * @param path the decoded path
 * @param rawQuery the query as sent, without {@code ?}; null when there is none
 */
public record RequestTarget(String rawPath, String path, String rawQuery) {
    /** Longest request target accepted (nginx's default large header buffer is 8 KiB). */
    public static final int MAX_LENGTH = 8192;

    /** A parsed target, or the reason it is refused. */
    public record Parsed(RequestTarget target, String refusal) {
        public boolean ok() {
            return target != null;
        }
    }

    private static Parsed refuse(String why) {
        return new Parsed(null, why);
    }

    public static Parsed parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return refuse("no original URI");
        }
        if (raw.length() > MAX_LENGTH) {
            return refuse("original URI longer than " + MAX_LENGTH + " characters");
        }
        if (raw.charAt(0) != '/') {
            return refuse("the original URI is not an absolute path");
        }
        int q = raw.indexOf('?');
        String rawPath = q < 0 ? raw : raw.substring(0, q);
        String rawQuery = q < 0 ? null : raw.substring(q + 1);
        if (rawQuery != null) {
            for (int i = 0; i < rawQuery.length(); i++) {
                char c = rawQuery.charAt(i);
                if (!(isPchar(c) || c == '/' || c == '?' || c == ';' || c == '%')) {
                    return refuse("a character outside RFC 3986 in the query (0x" + Integer.toHexString(c) + ")");
                }
            }
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = rawPath.indexOf('/', start);
            String rawSeg = slash < 0 ? rawPath.substring(start) : rawPath.substring(start, slash);
            boolean last = slash < 0;
            if (rawSeg.isEmpty() && !last) {
                return refuse("empty path segment (//)");
            }
            String why = checkRawSegment(rawSeg);
            if (why != null) {
                return refuse(why);
            }
            String seg;
            try {
                seg = decodeSegment(rawSeg);
            } catch (Refused e) {
                return refuse(e.getMessage());
            }
            if (!seg.isEmpty() && isDotLike(seg)) {
                return refuse("dot segment in the path");
            }
            segments.add(seg);
            if (last) {
                break;
            }
            start = slash + 1;
        }
        return new Parsed(new RequestTarget(rawPath, "/" + String.join("/", segments), rawQuery), null);
    }

    /** The raw values of query parameter {@code name} (compared case-insensitively, as nginx's {@code $arg_} does); empty when absent. */
    public List<String> queryParams(String name) {
        List<String> out = new ArrayList<>();
        if (rawQuery == null) {
            return out;
        }
        for (String part : rawQuery.split("&", -1)) {
            int eq = part.indexOf('=');
            String n = eq < 0 ? part : part.substring(0, eq);
            if (n.equalsIgnoreCase(name)) {
                out.add(eq < 0 ? "" : part.substring(eq + 1));
            }
        }
        return out;
    }

    /** This target without query parameter {@code name} (any case): where a gateway redirects after a token exchange. */
    public String withoutQueryParam(String name) {
        if (rawQuery == null) {
            return rawPath;
        }
        StringBuilder q = new StringBuilder();
        for (String part : rawQuery.split("&", -1)) {
            int eq = part.indexOf('=');
            String n = eq < 0 ? part : part.substring(0, eq);
            if (n.equalsIgnoreCase(name) || part.isEmpty()) {
                continue;
            }
            q.append(q.length() == 0 ? "" : "&").append(part);
        }
        return q.length() == 0 ? rawPath : rawPath + "?" + q;
    }

    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 pchar without pct-encoded and without ';' (refused everywhere in a gated path). */
    private static boolean isPchar(char c) {
        return isUnreserved(c) || "!$&'()*+,=:@".indexOf(c) >= 0;
    }

    private static String checkRawSegment(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                continue;
            }
            if (c == ';') {
                return "';' in the path (path parameters)";
            }
            if (c == '\\') {
                return "'\\' in the path";
            }
            if (!isPchar(c)) {
                return "a character outside RFC 3986 in the path (0x" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String decodeSegment(String s) throws Refused {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteBuffer bytes = ByteBuffer.allocate(s.length());
        boolean nonAscii = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                throw new Refused("invalid percent-encoding in the path");
            }
            int b = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
            i += 2;
            if (isUnreserved(b)) {
                throw new Refused("percent-encoded unreserved character in the path (%" + Integer.toHexString(b) + ")");
            }
            if (b == '/' || b == '\\') {
                throw new Refused("encoded '" + (char) b + "' in the path");
            }
            if (b == '%') {
                throw new Refused("encoded '%' in the path (double encoding)");
            }
            if (b == ';' || b == '?' || b == '#') {
                throw new Refused("encoded '" + (char) b + "' in the path");
            }
            if (b < 0x20 || b == 0x7f) {
                throw new Refused("encoded control character in the path");
            }
            nonAscii |= b >= 0x80;
            bytes.put((byte) b);
        }
        bytes.flip();
        if (!nonAscii) {
            return StandardCharsets.US_ASCII.decode(bytes).toString();
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            CharBuffer cb = dec.decode(bytes);
            text = cb.toString();
        } catch (CharacterCodingException e) {
            throw new Refused("invalid or overlong UTF-8 in the path");
        }
        int prev = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x80) {
                int type = Character.getType(cp);
                if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                        || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                        || type == Character.SPACE_SEPARATOR) {
                    throw new Refused("non-ASCII control, format or space character in the path (U+" + Integer.toHexString(cp) + ")");
                }
                if ((type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK)
                        && prev >= 0 && prev < 0x80) {
                    throw new Refused("combining mark on an ASCII character in the path (U+" + Integer.toHexString(cp) + ")");
                }
                String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
                if (nfkc.chars().anyMatch(ch -> ch < 0x80)) {
                    throw new Refused("non-ASCII look-alike of an ASCII character in the path (U+" + Integer.toHexString(cp) + ")");
                }
            }
            prev = cp;
        }
        return text;
    }

    /** "." and "..", and any segment of only dots and spaces (read as a dot segment by some file systems and servers). */
    private static boolean isDotLike(String seg) {
        boolean dot = false;
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c == '.') {
                dot = true;
            } else if (c != ' ') {
                return false;
            }
        }
        return dot;
    }
}
