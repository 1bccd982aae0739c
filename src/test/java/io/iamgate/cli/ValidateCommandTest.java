package io.iamgate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17's validate bugs: a {@code .tar.gz} bundle, and the size quota on JSONL input. */
class ValidateCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"arn:aws:s3::111122223333:bucket/*\"}]}";

    @Test
    void aTarGzBundleIsReadAsABundle(@TempDir Path dir) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("policies/p.json", POLICY);
        files.put("principals.yaml", "roles:\n  - name: R\n    id: AROAR\n    policies: [p]\n");
        Path tgz = dir.resolve("bundle.tar.gz");
        Files.write(tgz, io.iamgate.bundle.Archives.ustar(files)); // plain ustar, as GNU tar writes it
        assertEquals(1, cli.run("validate", tgz.toString()), err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("bundle.tar.gz!policies/p.json:1:91: ERROR ARN_ACCOUNT_NOT_ALLOWED"), text);
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("Input length"), err.toString(StandardCharsets.UTF_8));
    }

    /** A bundle that cannot be read at all is one finding on the bundle itself: "b.tar.gz:", not "b.tar.gz!b.tar.gz:". */
    @Test
    void anUnreadableBundleIsReportedOnItsOwnName(@TempDir Path dir) throws Exception {
        Path tgz = Files.write(dir.resolve("b.tar.gz"), new byte[] {1, 2, 3, 4});
        assertEquals(1, cli.run("validate", tgz.toString()), err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith(tgz + ":0:0: ERROR BUNDLE_UNREADABLE "), text);
        assertFalse(text.contains(tgz + "!"), text);
    }

    @Test
    void jsonlPoliciesGetTheSizeQuota(@TempDir Path dir) throws Exception {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            actions.append(i == 0 ? "" : ",").append("\"sagemaker:DescribeNotebookInstance\"");
        }
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\"}]}";
        Path jsonl = dir.resolve("set.jsonl");
        Files.writeString(jsonl, "{\"name\":\"small\",\"document\":" + POLICY.replace("s3::111122223333", "s3::") + "}\n"
                + "{\"name\":\"big\",\"document\":" + big + "}\n");
        cli.run("validate", jsonl.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("set.jsonl#big:2:26: WARNING POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"), text);
        assertFalse(text.contains("#small:1:26: WARNING POLICY_SIZE"), text);
    }

    @Test
    void listChecksPrintsTheCatalogueWithoutAPath() {
        assertEquals(0, cli.run("validate", "--list-checks"), err.toString(StandardCharsets.UTF_8));
        java.util.List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(io.iamgate.policy.IssueCode.values().length, lines.size(), String.join("\n", lines));
        assertTrue(lines.contains("MISSING_ARN_FIELD\tERROR\tidentity,boundary,scp\tnever\timplemented"), String.join("\n", lines));
        assertTrue(lines.contains("TYPE_MISMATCH_DATE\tWARNING\tidentity,boundary,scp,role-trust\twhen-unevaluable\timplemented"), String.join("\n", lines));
        assertTrue(lines.contains("ALLOW_WITH_NOT_PRINCIPAL\tSECURITY_WARNING\trole-trust\tnever\tnot-applicable"), String.join("\n", lines));
        assertTrue(lines.contains("MISSING_PRINCIPALS\tERROR\t-\talways\tiamgate"), String.join("\n", lines));
        for (String l : lines) {
            assertEquals(5, l.split("\t").length, l);
        }
    }

    @Test
    void withoutListChecksAPathIsStillRequired() {
        assertEquals(2, cli.run("validate", "--format", "json"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("PATH"), err.toString(StandardCharsets.UTF_8));
    }
}
