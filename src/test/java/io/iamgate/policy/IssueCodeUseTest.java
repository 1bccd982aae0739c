package io.iamgate.policy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Policy, validation and bundle findings come only from the {@link IssueCode} catalogue: no code in
 * those packages builds a {@link Finding} from a string code ({@code Finding.blocking("...")} is for
 * problem documents of request input) or passes a bare upper-case literal where a code belongs.
 */
class IssueCodeUseTest {
    static final Pattern STRING_CODE = Pattern.compile("Finding\\.blocking\\(|new Finding\\(|\\b(error|warn|refusal)\\([^;]*\"[A-Z][A-Z_]{5,}\"");

    @Test
    void policyValidateAndBundleBuildFindingsOnlyFromTheCatalogue() throws Exception {
        List<String> offending = new ArrayList<>();
        for (String pkg : List.of("policy", "validate", "bundle")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/iamgate", pkg))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String name = p.getFileName().toString();
                    List<String> lines = Files.readAllLines(p);
                    for (int i = 0; i < lines.size(); i++) {
                        String l = lines.get(i);
                        boolean allowed = (name.equals("Finding.java") && l.contains("new Finding("))
                                // re-wraps an existing (catalogued) finding with a shortened message
                                || (name.equals("FileFinding.java") && l.contains("new Finding(finding.severity(), finding.code()"));
                        if (!allowed && STRING_CODE.matcher(l).find() && !l.trim().startsWith("*") && !l.trim().startsWith("//")) {
                            offending.add(p + ":" + (i + 1) + ": " + l.trim());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }
}
