package io.iamgate.bundle;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Detached Ed25519 signatures (the JDK's) for bundles. A {@code .tar.gz} is signed over its bytes, the
 * signature in {@code FILE.sig}; a directory over a canonical digest of its files (sorted paths and
 * contents), the signature in {@code bundle.sig}. Keys are base64: public keys X.509
 * (SubjectPublicKeyInfo), private keys PKCS#8 — what {@code iamgate keygen} writes.
 */
public final class BundleSignatures {
    public static final String DIRECTORY_SIGNATURE = "bundle.sig";

    private BundleSignatures() {
    }

    public static KeyPair generate() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    public static PublicKey publicKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
    }

    public static PrivateKey privateKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
    }

    public static String sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(data);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    public static boolean verify(PublicKey key, byte[] data, String signatureBase64) {
        if (signatureBase64 == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(Base64.getDecoder().decode(signatureBase64.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The canonical digest a directory bundle is signed over (every file but the signature). */
    public static byte[] digest(Map<String, String> files) {
        return digest(files, true);
    }

    /** SHA-256 over the files' sorted paths and contents, each followed by a NUL byte. */
    public static byte[] digest(Map<String, String> files, boolean skipSignature) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
                if (skipSignature && e.getKey().equals(DIRECTORY_SIGNATURE)) {
                    continue;
                }
                d.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
