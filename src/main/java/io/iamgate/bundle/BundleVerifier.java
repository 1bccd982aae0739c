package io.iamgate.bundle;

import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;

import java.security.PublicKey;
import java.util.List;

/**
 * Signature and rollback checks, with {@code iamgate.bundle.verification-key} set: an archive's
 * signature is checked over exactly the bytes then unpacked, a directory's {@code .signature} over its
 * canonical digest; a signed bundle needs an {@code issued} time no older than the serving one's.
 * Without a key every check passes.
 */
final class BundleVerifier {
    private final PublicKey key;

    BundleVerifier(PublicKey key) {
        this.key = key;
    }

    boolean enabled() {
        return key != null;
    }

    /** The archive's files, after its signature verified ({@code afterVerification} runs in between, for tests). */
    BundleFiles unpack(BundleSource source, BundleReader.Fetched f, BundleLimits limits, Runnable afterVerification) throws BundleException {
        if (key != null) {
            String sigName = source.describe() + ".sig";
            if (f.signature() == null) {
                throw new BundleException("signature " + sigName + " is missing (iamgate.bundle.verification-key is set); sign the bundle with iamgate sign");
            }
            if (!BundleSignatures.verify(key, f.archive(), f.signature())) {
                throw new BundleException("signature " + sigName + " does not verify against iamgate.bundle.verification-key");
            }
            afterVerification.run();
        }
        return new BundleFiles(source.describe(), BundleReader.unpackTarGz(f.archive(), source.describe(), limits));
    }

    void verifyDirectory(BundleFiles files) throws BundleException {
        if (key == null) {
            return;
        }
        String sig = files.files().get(BundleSignatures.DIRECTORY_SIGNATURE);
        if (sig == null) {
            throw new BundleException("signature " + BundleSignatures.DIRECTORY_SIGNATURE
                    + " is missing (iamgate.bundle.verification-key is set); sign the bundle with iamgate sign");
        }
        if (!BundleSignatures.verify(key, BundleSignatures.digest(files.files()), sig)) {
            throw new BundleException("signature " + BundleSignatures.DIRECTORY_SIGNATURE + " does not verify against iamgate.bundle.verification-key");
        }
    }

    /** Null when {@code candidate} may replace {@code serving}; else the refusal. */
    LoadResult rollback(Bundle candidate, Bundle serving) {
        if (key == null) {
            return null;
        }
        if (candidate.issued() == null) {
            return refusal(IssueCode.MISSING_ISSUED, "a signed bundle needs an issued timestamp in " + BundleLoader.MANIFEST
                    + " (iamgate.bundle.verification-key is set)", "iamgate sign writes one.");
        }
        if (serving != null && serving.issued() != null && candidate.issued().isBefore(serving.issued())) {
            return refusal(IssueCode.BUNDLE_ROLLBACK, "rollback refused: revision " + candidate.revision() + " was issued " + candidate.issued()
                    + ", before the serving revision " + serving.revision() + " (issued " + serving.issued() + ")",
                    "Publish a newer bundle; an older signed bundle may restore a revoked policy.");
        }
        return null;
    }

    private static LoadResult refusal(IssueCode code, String message, String hint) {
        return new LoadResult(null, List.of(new FileFinding(BundleLoader.MANIFEST, Finding.of(code, message, new Position(0, 0, ""), hint, true))), message);
    }
}
