package io.iamgate.presign;

import java.io.ByteArrayOutputStream;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A test oracle, independent of {@link RequestTarget}: the ways a lenient router, proxy or backend
 * could read a raw path — decoded once or until nothing changes, overlong UTF-8 accepted, backslash
 * as slash, path parameters dropped, NUL truncating, NFKC look-alikes folded, slashes merged, dot
 * segments (with trailing spaces) removed.
 */
public final class RouterViews {
    private RouterViews() {
    }

    public static Set<String> of(String rawPath) {
        Set<String> out = new LinkedHashSet<>();
        String once = lenientDecode(rawPath);
        String fix = rawPath;
        for (int i = 0; i < 5; i++) {
            String d = lenientDecode(fix);
            if (d.equals(fix)) {
                break;
            }
            fix = d;
        }
        for (String base : new String[] {rawPath, once, fix}) {
            for (int variant = 0; variant < 4; variant++) {
                String p = base;
                if ((variant & 1) != 0) {
                    p = p.replace('\\', '/');
                }
                if ((variant & 2) != 0) {
                    p = Normalizer.normalize(p, Normalizer.Form.NFKC);
                    int nul = p.indexOf('\0');
                    if (nul >= 0) {
                        p = p.substring(0, nul);
                    }
                    p = p.replaceAll(";[^/]*", "");
                }
                out.add(removeDots(p.replaceAll("/{2,}", "/")));
                out.add(removeDots(p));
            }
        }
        return out;
    }

    /** True when every view of {@code rawPath} stays inside {@code prefix} (which ends with '/'). */
    public static boolean allInside(String rawPath, String prefix) {
        for (String v : of(rawPath)) {
            if (!(v.startsWith(prefix) || v.equals(prefix.substring(0, prefix.length() - 1)))) {
                return false;
            }
        }
        return true;
    }

    static String removeDots(String p) {
        Deque<String> out = new ArrayDeque<>();
        String[] segs = p.split("/", -1);
        for (int i = 1; i < segs.length; i++) {
            String s = segs[i].strip();
            boolean last = i == segs.length - 1;
            if (s.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(segs[i]);
            }
        }
        return "/" + String.join("/", out);
    }

    /** Percent-decoding that keeps invalid escapes and reads UTF-8 leniently (overlong forms too). */
    static String lenientDecode(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                b.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c < 0x80) {
                b.write(c);
            } else {
                byte[] u = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                b.write(u, 0, u.length);
            }
        }
        byte[] bytes = b.toByteArray();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; ) {
            int x = bytes[i] & 0xff;
            if (x < 0x80) {
                out.append((char) x);
                i++;
            } else if ((x & 0xe0) == 0xc0 && i + 1 < bytes.length) {
                out.appendCodePoint(((x & 0x1f) << 6) | (bytes[i + 1] & 0x3f));
                i += 2;
            } else if ((x & 0xf0) == 0xe0 && i + 2 < bytes.length) {
                out.appendCodePoint(((x & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f));
                i += 3;
            } else if ((x & 0xf8) == 0xf0 && i + 3 < bytes.length) {
                int cp = ((x & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
                out.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xfffd);
                i += 4;
            } else {
                out.append('\ufffd');
                i++;
            }
        }
        return out.toString();
    }
}
