package io.iamgate.tools.gen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a realistic large bundle: the guidance's policies, a corporate-network guardrail, N
 * principals (IAM users; half matched by {@code aws:userid}, half by an {@code owner} principal tag)
 * and M notebook instances each owned by one of them, as {@code resources.jsonl}.
 * Principal i is {@code user/u%05d}; notebook j is {@code nb-%06d} and belongs to principal
 * {@code ownerOf(j)}.
 */
public final class SyntheticBundle {
    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-east-1";
    public static final String NB = "arn:aws:sagemaker:" + REGION + ":" + ACCOUNT + ":notebook-instance/";
    static final String[] POLICIES = {"sagemaker-console-read", "notebook-access-by-owner-userid", "notebook-access-by-owner-principaltag",
            "studio-access-by-owner"};

    private SyntheticBundle() {
    }

    public static String userName(int i) {
        return String.format("u%05d", i);
    }

    public static String userId(int i) {
        return String.format("AIDAUSER%012d", i);
    }

    public static String notebook(int j) {
        return String.format("nb-%06d", j);
    }

    /** The owner of notebook j: spread over principals, stable for a given principal count. */
    public static int ownerOf(int j, int principals) {
        return (int) ((j * 2654435761L) % principals);
    }

    /** Whether principal i's notebooks are owned by aws:userid (else by the owner principal tag). */
    public static boolean byUserid(int i) {
        return i % 2 == 0;
    }

    /**
     * Writes the bundle into a temporary sibling directory and moves it to {@code dir} in one rename, so a
     * failure (or a crash) never leaves a half-written bundle that a later command would misread.
     * {@code dir} must not exist, or be an empty directory.
     */
    public static void write(Path dir, int principals, int resources, long seed) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            try (java.util.stream.Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty: choose a new directory for the generated bundle");
                }
            }
        } else if (Files.exists(target)) {
            throw new IOException(dir + " exists and is not a directory");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
        try {
            writeInto(tmp, principals, resources, seed);
            Files.deleteIfExists(target); // the empty directory checked above
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is hidden (dot-prefixed) and named .partial
        }
    }

    private static void writeInto(Path dir, int principals, int resources, long seed) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.createDirectories(dir.resolve("guardrails"));
        for (String p : POLICIES) {
            String name = "demo-bundle/policies/" + p + ".json";
            try (InputStream in = SyntheticBundle.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("missing resource " + name + " (a native image needs quarkus.native.resources.includes=demo-bundle/**)");
                }
                Files.write(dir.resolve("policies/" + p + ".json"), in.readAllBytes());
            }
        }
        Files.writeString(dir.resolve("guardrails/corporate-network.json"), """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"},
                    {"Sid": "PresignOnlyFromCorporateNetwork", "Effect": "Deny",
                     "Action": ["sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:CreatePresignedDomainUrl"],
                     "Resource": "*",
                     "Condition": {"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"]}}},
                    {"Sid": "NoDeletes", "Effect": "Deny", "Action": "sagemaker:Delete*", "Resource": "*"}
                  ]
                }
                """);
        Files.writeString(dir.resolve("iamgate-bundle.yaml"), "revision: synthetic-" + principals + "-" + resources + "-" + seed
                + "\naccount: \"" + ACCOUNT + "\"\nregion: " + REGION + "\n");
        Random r = new Random(seed);
        // principals.yaml written in JSON form (valid YAML, and read by the fast JSON parser)
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("principals.yaml"), StandardCharsets.UTF_8)) {
            w.write("{\"users\": [\n");
            for (int i = 0; i < principals; i++) {
                String policy = byUserid(i) ? "notebook-access-by-owner-userid" : "notebook-access-by-owner-principaltag";
                w.write((i == 0 ? "" : ",\n") + "  {\"name\": \"" + userName(i) + "\", \"id\": \"" + userId(i)
                        + "\", \"policies\": [\"sagemaker-console-read\", \"" + policy + "\", \"studio-access-by-owner\"], "
                        + "\"tags\": {\"owner\": \"" + userName(i) + "\", \"team\": \"t" + r.nextInt(50) + "\"}}");
            }
            w.write("\n]}\n");
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("resources.jsonl"), StandardCharsets.UTF_8)) {
            for (int j = 0; j < resources; j++) {
                int owner = ownerOf(j, principals);
                String tag = byUserid(owner) ? userId(owner) : userName(owner);
                w.write("{\"arn\":\"" + NB + notebook(j) + "\",\"tags\":{\"owner\":\"" + tag + "\",\"team\":\"t" + r.nextInt(50) + "\"}}\n");
            }
        }
    }
}
