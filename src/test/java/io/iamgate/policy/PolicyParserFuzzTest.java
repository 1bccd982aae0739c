package io.iamgate.policy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates the guidance's seed policies (byte flips, deletions, insertions of JSON-significant
 * characters, duplicated and swapped spans, operator/value splices) and demands that parsing either
 * succeeds or throws {@link PolicyParseException} with positioned findings — no other exception.
 */
class PolicyParserFuzzTest {

    static final String[] SPLICES = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "1e999", "-0", "\"Effect\"",
            "\"Deny\"", "\"Condition\"", "{\"StringLike\":{\"k\":\"*\"}}", "{\"IpAddress\":{\"k\":\"1.2.3.4/40\"}}",
            "{\"DateEquals\":{\"k\":\"x\"}}", "\"${aws:userid\"", "\"${*}\"", "\"ForAnyValue:NullIfExists\"", "\u0000", "\uD800", "[[[[[[", "\"\\u00\""};

    static List<String> seeds() throws Exception {
        List<String> seeds = new ArrayList<>();
        for (String dir : new String[] {"seed-policies/as-published", "seed-policies/repaired"}) {
            Path p = Path.of(PolicyParserFuzzTest.class.getClassLoader().getResource(dir).toURI());
            try (var files = Files.list(p)) {
                for (Path f : files.sorted().toList()) {
                    seeds.add(Files.readString(f));
                }
            }
        }
        return seeds;
    }

    static String mutate(String s, Random r) {
        StringBuilder sb = new StringBuilder(s);
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n && sb.length() > 0; i++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(6)) {
                case 0 -> sb.setCharAt(at, (char) (sb.charAt(at) ^ (1 << r.nextInt(7))));
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(20)));
                case 2 -> sb.insert(at, SPLICES[r.nextInt(SPLICES.length)]);
                case 3 -> {
                    int end = Math.min(sb.length(), at + 1 + r.nextInt(40));
                    sb.insert(at, sb.substring(at, end));
                }
                case 4 -> {
                    int b = r.nextInt(sb.length());
                    char c = sb.charAt(at);
                    sb.setCharAt(at, sb.charAt(b));
                    sb.setCharAt(b, c);
                }
                default -> sb.setCharAt(at, (char) r.nextInt(128));
            }
        }
        return sb.toString();
    }

    @Test
    void mutatedSeedPoliciesOnlyEverProduceParseErrors() throws Exception {
        PolicyParser parser = new PolicyParser();
        io.iamgate.validate.PolicyValidator validator = new io.iamgate.validate.PolicyValidator(io.iamgate.validate.ServiceReference.get());
        List<String> seeds = seeds();
        Random r = new Random(42);
        int iterations = Integer.getInteger("iamgate.fuzz.iterations", 30_000);
        for (int i = 0; i < iterations; i++) {
            String input = mutate(seeds.get(r.nextInt(seeds.size())), r);
            try {
                for (Finding f : validator.validate(input, io.iamgate.policy.PolicyType.AUTO)) {
                    if (f.code() == null || f.line() < 0) {
                        fail("bad finding " + f);
                    }
                }
                parser.parse(input);
            } catch (PolicyParseException e) {
                assertFalse(e.findings().isEmpty());
                for (Finding f : e.findings()) {
                    if (f.code() == null || f.message() == null || f.pointer() == null) {
                        fail("incomplete finding " + f + " for input " + input);
                    }
                }
            } catch (Throwable t) {
                throw new AssertionError("iteration " + i + ": " + t + " for input:\n" + input, t);
            }
        }
    }
}
