package io.iamgate.presign;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs and verifies URL-safe tokens: {@code VERSION.PAYLOAD.SIGNATURE}, payload and signature in
 * base64url without padding, signature = HMAC-SHA256(key, "VERSION.PAYLOAD"). Verification is
 * constant-time and accepts the current key and any configured previous key (rotation). Keys are
 * never printed: {@link #toString()} shows only their count.
 */
public final class TokenCodec {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final byte[] current;
    private final List<byte[]> accepted;
    /** One initialised Mac per accepted key and thread (getInstance + init per token cost more than the HMAC itself). */
    private final ThreadLocal<Mac[]> macs = ThreadLocal.withInitial(this::newMacs);

    /** @param current the signing key; {@code previous} keys still verify (rotation) */
    public TokenCodec(byte[] current, List<byte[]> previous) {
        if (current == null || current.length < 16) {
            throw new IllegalArgumentException("the signing key must have at least 16 bytes");
        }
        this.current = current.clone();
        this.accepted = new ArrayList<>();
        accepted.add(this.current);
        for (byte[] p : previous) {
            accepted.add(p.clone());
        }
    }

    public String sign(String version, String payload) {
        String body = version + "." + ENC.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENC.encodeToString(mac(macs.get()[0], body));
    }

    /** The payload of a well-formed token of {@code version} whose signature verifies under an accepted key; else null. */
    public String verify(String version, String token) {
        if (token == null || token.length() > 4096) {
            return null;
        }
        int a = token.indexOf('.');
        int b = token.lastIndexOf('.');
        if (a <= 0 || b <= a || !token.substring(0, a).equals(version)) {
            return null;
        }
        String body = token.substring(0, b);
        byte[] payload;
        try {
            payload = DEC.decode(token.substring(a + 1, b));
        } catch (IllegalArgumentException e) {
            return null;
        }
        // one spelling per token: base64url ignores the unused low bits of the last character and takes
        // '=' padding, so the same signature bytes have several texts; only the canonical one is accepted
        byte[] sigText = token.substring(b + 1).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (Mac m : macs.get()) {
            // no early exit: constant time over keys
            ok |= MessageDigest.isEqual(ENC.encode(mac(m, body)), sigText);
        }
        return ok ? new String(payload, StandardCharsets.UTF_8) : null;
    }

    private static byte[] mac(Mac m, String body) {
        return m.doFinal(body.getBytes(StandardCharsets.UTF_8)); // doFinal resets the Mac for the next use
    }

    private Mac[] newMacs() {
        Mac[] out = new Mac[accepted.size()];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = Mac.getInstance("HmacSHA256");
                out[i].init(new SecretKeySpec(accepted.get(i), "HmacSHA256"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
        return out;
    }

    @Override
    public String toString() {
        return "TokenCodec[" + accepted.size() + " key(s)]";
    }
}
