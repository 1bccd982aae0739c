package io.iamgate.validate;

import io.iamgate.policy.CheckScope;
import io.iamgate.policy.IssueCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md's table of checks is generated from the {@link IssueCode} catalogue: this test fails when
 * they differ. Regenerate with {@code -Diamgate.regenerate-readme=true}.
 */
class CheckTableTest {
    static final String BEGIN = "<!-- checks:begin (generated from IssueCode by CheckTableTest) -->";
    static final String END = "<!-- checks:end -->";

    static String table() {
        StringBuilder b = new StringBuilder();
        b.append("| Code | Severity | Policy types | Blocks evaluation | Status |\n");
        b.append("|---|---|---|---|---|\n");
        for (IssueCode c : IssueCode.values()) {
            String code = c.documentation() != null ? "[`" + c.name() + "`](" + c.documentation() + ")" : "`" + c.name() + "`";
            String scopes = c.scopes().isEmpty() ? "bundle" : c.scopes().stream().sorted().map(CheckScope::name)
                    .map(s -> s.toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", "));
            String blocking = switch (c.blocking()) {
                case ALWAYS -> "yes";
                case NEVER -> "no";
                case WHEN_UNEVALUABLE -> "when unevaluable";
            };
            String status = switch (c.status()) {
                case IMPLEMENTED -> "implemented";
                case NOT_IMPLEMENTED -> "not yet";
                case NOT_APPLICABLE -> "n/a";
                case IAMGATE -> "iamgate-specific";
            };
            b.append("| ").append(code).append(" | ").append(c.severity()).append(" | ").append(scopes).append(" | ")
                    .append(blocking).append(" | ").append(status).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void readmeTableIsTheCatalogue() throws Exception {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md has the generated table markers");
        String current = text.substring(begin + BEGIN.length() + 1, end);
        String generated = table();
        if (Boolean.getBoolean("iamgate.regenerate-readme") && !current.equals(generated)) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length() + 1) + generated + text.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, current, "README.md's table of checks; regenerate with -Diamgate.regenerate-readme=true");
    }
}
