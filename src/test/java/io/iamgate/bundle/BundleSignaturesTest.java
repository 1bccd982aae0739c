package io.iamgate.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code iamgate sign} (writes {@code issued} when missing) and {@code iamgate verify} as plain methods. */
class BundleSignaturesTest {
    static final Instant NOW = Instant.parse("2026-11-29T06:30:00Z");

    static Path keys(Path dir, KeyPair kp) throws Exception {
        Files.writeString(dir.resolve("k.key"), Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded()) + "\n");
        Files.writeString(dir.resolve("k.pub"), Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()) + "\n");
        return dir;
    }

    @Test
    void signWritesIssuedIntoAnArchiveThenVerifyAcceptsIt(@TempDir Path dir) throws Exception {
        keys(dir, BundleSignatures.generate());
        Path tgz = dir.resolve("b.tar.gz");
        Files.write(tgz, BundleSource.tarGz(BundleManagerTest.bundle("A", "AROADS:alice")));
        BundleSignatures.Result unsigned = BundleSignatures.verifyOffline(dir.resolve("k.pub"), tgz);
        assertFalse(unsigned.ok());
        assertTrue(unsigned.message().contains("no signature"), unsigned.message());

        BundleSignatures.Result signed = BundleSignatures.signBundle(dir.resolve("k.key"), tgz, NOW);
        assertTrue(signed.ok(), signed.message());
        assertTrue(signed.message().contains("issued: 2026-11-29T06:30:00Z"), signed.message());
        Map<String, String> files = BundleSource.of(tgz.toString()).read().files();
        assertTrue(files.get("iamgate-bundle.yaml").contains("revision: A"), "the rest of the manifest is kept");
        assertEquals(BundleManagerTest.bundle("A", "AROADS:alice").keySet(), files.keySet());

        BundleSignatures.Result ok = BundleSignatures.verifyOffline(dir.resolve("k.pub"), tgz);
        assertTrue(ok.ok(), ok.message());
        assertTrue(ok.message().contains("revision A, issued 2026-11-29T06:30:00Z"), ok.message());

        // the signed archive loads in a manager that requires signatures and issued
        BundleManager m = new BundleManager(tgz.toString(), false, BundleSignatures.publicKey(Files.readString(dir.resolve("k.pub"))),
                () -> BundleManagerTest.V, java.time.Duration.ofSeconds(2));
        assertEquals(ReloadOutcome.ACCEPTED, m.check(true).outcome());
        assertEquals(NOW, m.current().issued());

        // signing again keeps the existing issued and the archive's bytes
        byte[] before = Files.readAllBytes(tgz);
        assertTrue(BundleSignatures.signBundle(dir.resolve("k.key"), tgz, NOW.plusSeconds(60)).ok());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(tgz)));

        // tampering, another key
        byte[] t = Files.readAllBytes(tgz);
        t[t.length / 2] ^= 1;
        Files.write(tgz, t);
        assertFalse(BundleSignatures.verifyOffline(dir.resolve("k.pub"), tgz).ok());
        Path other = Files.createDirectories(dir.resolve("other"));
        keys(other, BundleSignatures.generate());
        Files.write(tgz, before);
        BundleSignatures.Result wrongKey = BundleSignatures.verifyOffline(other.resolve("k.pub"), tgz);
        assertFalse(wrongKey.ok());
        assertTrue(wrongKey.message().contains("does not verify"), wrongKey.message());
        assertFalse(BundleSignatures.verifyOffline(dir.resolve("k.key"), tgz).ok(), "a private key is not a public key");
    }

    @Test
    void signADirectoryAndTheCasesItRefuses(@TempDir Path dir) throws Exception {
        keys(dir, BundleSignatures.generate());
        Path d = dir.resolve("b");
        BundleManagerTest.write(d, BundleManagerTest.bundle("D", "AROADS:alice"));
        assertTrue(BundleSignatures.signBundle(dir.resolve("k.key"), d, NOW).ok());
        assertTrue(Files.readString(d.resolve("iamgate-bundle.yaml")).contains("issued: \"2026-11-29T06:30:00Z\""));
        assertTrue(BundleSignatures.verifyOffline(dir.resolve("k.pub"), d).ok());
        // a signed bundle without issued: verify says so
        Map<String, String> noIssued = new HashMap<>(BundleManagerTest.bundle("N", "AROADS:alice"));
        Path n = dir.resolve("n.tar.gz");
        Files.write(n, BundleSource.tarGz(noIssued));
        KeyPair kp = BundleSignatures.generate();
        keys(dir, kp);
        Files.writeString(Path.of(n + ".sig"), BundleSignatures.sign(kp.getPrivate(), Files.readAllBytes(n)));
        BundleSignatures.Result r = BundleSignatures.verifyOffline(dir.resolve("k.pub"), n);
        assertFalse(r.ok());
        assertTrue(r.message().contains("no issued"), r.message());
        // a JSON manifest is not rewritten
        noIssued.put("iamgate-bundle.yaml", "{\"revision\": \"J\"}\n");
        Files.write(n, BundleSource.tarGz(noIssued));
        BundleSignatures.Result json = BundleSignatures.signBundle(dir.resolve("k.key"), n, NOW);
        assertFalse(json.ok());
        assertTrue(json.message().contains("add \"issued\""), json.message());
        // a bad key file
        Files.writeString(dir.resolve("bad.key"), "not a key");
        assertFalse(BundleSignatures.signBundle(dir.resolve("bad.key"), n, NOW).ok());
    }

    @Test
    void issuedMustBeAnIsoDateTime() {
        Map<String, String> f = new HashMap<>(BundleLoaderTest.valid());
        f.put("iamgate-bundle.yaml", "revision: r\nissued: yesterday\n");
        LoadResult r = new BundleLoader(BundleLoaderTest.V, false).load(new BundleFiles("t", f));
        assertFalse(r.accepted());
        assertTrue(r.findings().stream().anyMatch(x -> x.finding().code().equals("INVALID_ISSUED")), r.findings().toString());
        f.put("iamgate-bundle.yaml", "revision: r\nissued: 2026-11-29T07:00:00+01:00\n");
        r = new BundleLoader(BundleLoaderTest.V, false).load(new BundleFiles("t", f));
        assertTrue(r.accepted(), r.findings().toString());
        assertEquals(Instant.parse("2026-11-29T06:00:00Z"), r.bundle().issued());
    }
}
