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
    /** A content revision ({@code sha256:} and the first 8 bytes of the canonical digest over every file, the signature included). */
    public static String contentRevision(Map<String, String> files) {
        byte[] h = digest(files, false);
        StringBuilder sb = new StringBuilder("sha256:");
        for (int i = 0; i < 8; i++) {
            sb.append(String.format("%02x", h[i]));
        }
        return sb.toString();
    }

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

    /** What {@link #verifyOffline} or {@link #signBundle} found: ok or not, and a one-line message. */
    public record Result(boolean ok, String message) {
    }

    /**
     * {@code iamgate verify --key PUBLIC_KEY BUNDLE}: reads the bundle once (within the default limits),
     * checks its detached signature over those bytes and that its manifest carries a valid
     * {@code issued} time. Never throws for a bad bundle or key: the result says why.
     */
    public static Result verifyOffline(java.nio.file.Path keyFile, java.nio.file.Path bundle) {
        PublicKey key;
        try {
            key = publicKey(readSmall(keyFile));
        } catch (java.io.IOException | GeneralSecurityException | IllegalArgumentException e) {
            return new Result(false, keyFile + " is not a base64 X.509 Ed25519 public key (" + BundleReader.bounded(String.valueOf(e.getMessage())) + ")");
        }
        try {
            Map<String, String> files;
            if (java.nio.file.Files.isDirectory(bundle)) {
                files = BundleReader.readDirectory(bundle, BundleLimits.DEFAULT);
                String sig = files.get(DIRECTORY_SIGNATURE);
                if (sig == null) {
                    return new Result(false, bundle + ": no " + DIRECTORY_SIGNATURE);
                }
                if (!verify(key, digest(files), sig)) {
                    return new Result(false, bundle + ": signature " + DIRECTORY_SIGNATURE + " does not verify");
                }
            } else {
                BundleReader.Fetched f = BundleReader.readFile(bundle, true, BundleLimits.DEFAULT);
                if (f.signature() == null) {
                    return new Result(false, bundle + ": no signature " + bundle + ".sig");
                }
                if (!verify(key, f.archive(), f.signature())) {
                    return new Result(false, bundle + ": signature " + bundle + ".sig does not verify");
                }
                files = BundleReader.unpackTarGz(f.archive(), bundle.toString(), BundleLimits.DEFAULT);
            }
            Map<String, String> manifest = Manifest.read(files.get(BundleLoader.MANIFEST));
            String issued = manifest.get("issued");
            if (issued == null) {
                return new Result(false, bundle + ": the signature verifies, but the manifest has no issued time (signed bundles need one)");
            }
            if (Manifest.instant(issued) == null) {
                return new Result(false, bundle + ": the signature verifies, but issued is not an ISO 8601 date-time: " + BundleReader.bounded(issued));
            }
            if (!files.containsKey(BundleLoader.PRINCIPALS)) {
                return new Result(false, bundle + ": the signature verifies, but the bundle has no " + BundleLoader.PRINCIPALS);
            }
            return new Result(true, bundle + ": signature OK; revision " + manifest.getOrDefault("revision", "(content hash)") + ", issued " + issued);
        } catch (BundleException e) {
            return new Result(false, e.getMessage());
        }
    }

    /**
     * {@code iamgate sign --key PRIVATE_KEY BUNDLE}: signs a {@code .tar.gz} (signature in
     * {@code BUNDLE.sig}) or a directory ({@code DIR/bundle.sig}). A bundle whose manifest has no
     * {@code issued} time gets one (now, UTC) first: written into the directory's manifest, or the
     * archive is rewritten (same files, long names in pax headers) with it. A manifest written as a
     * JSON object is not rewritten: add {@code issued} yourself.
     */
    public static Result signBundle(java.nio.file.Path keyFile, java.nio.file.Path target, java.time.Instant now) {
        PrivateKey key;
        try {
            key = privateKey(readSmall(keyFile));
        } catch (java.io.IOException | GeneralSecurityException | IllegalArgumentException e) {
            return new Result(false, keyFile + " is not a base64 PKCS#8 Ed25519 private key (" + BundleReader.bounded(String.valueOf(e.getMessage())) + ")");
        }
        try {
            String stamp = java.time.format.DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            if (java.nio.file.Files.isDirectory(target)) {
                Map<String, String> files = BundleReader.readDirectory(target, BundleLimits.DEFAULT);
                String added = "";
                String manifest = files.get(BundleLoader.MANIFEST);
                String stamped = Manifest.withIssued(manifest, stamp);
                if (stamped != null) {
                    java.nio.file.Files.writeString(target.resolve(BundleLoader.MANIFEST), stamped);
                    files = BundleReader.readDirectory(target, BundleLimits.DEFAULT);
                    added = " (added issued: " + stamp + " to " + BundleLoader.MANIFEST + ")";
                }
                java.nio.file.Path out = target.resolve(DIRECTORY_SIGNATURE);
                java.nio.file.Files.writeString(out, sign(key, digest(files)) + "\n");
                return new Result(true, "wrote " + out + added);
            }
            BundleReader.Fetched f = BundleReader.readFile(target, false, BundleLimits.DEFAULT);
            byte[] archive = f.archive();
            Map<String, String> files = BundleReader.unpackTarGz(archive, target.toString(), BundleLimits.DEFAULT);
            String added = "";
            String stamped = Manifest.withIssued(files.get(BundleLoader.MANIFEST), stamp);
            if (stamped != null) {
                Map<String, String> rewritten = new java.util.HashMap<>(files);
                rewritten.put(BundleLoader.MANIFEST, stamped);
                archive = BundleReader.tarGz(rewritten);
                java.nio.file.Path tmp = java.nio.file.Files.createTempFile(target.toAbsolutePath().getParent(), ".sign", ".tmp");
                java.nio.file.Files.write(tmp, archive);
                java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                added = " (rewrote " + target + " with issued: " + stamp + " in " + BundleLoader.MANIFEST + ")";
            }
            java.nio.file.Path out = java.nio.file.Path.of(target + ".sig");
            java.nio.file.Files.writeString(out, sign(key, archive) + "\n");
            return new Result(true, "wrote " + out + added);
        } catch (BundleException | IllegalStateException e) {
            return new Result(false, e.getMessage());
        } catch (java.io.IOException | GeneralSecurityException e) {
            return new Result(false, "cannot sign " + target + ": " + BundleReader.bounded(String.valueOf(e.getMessage())));
        }
    }

    private static String readSmall(java.nio.file.Path file) throws java.io.IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] b = in.readNBytes(BundleLimits.MAX_SIGNATURE_BYTES + 1);
            if (b.length > BundleLimits.MAX_SIGNATURE_BYTES) {
                throw new java.io.IOException("too large for a key file");
            }
            return new String(b, StandardCharsets.US_ASCII);
        }
    }
}
