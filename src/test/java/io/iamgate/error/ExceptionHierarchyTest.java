package io.iamgate.error;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every public checked exception of iamgate has the common supertype {@link IamgateException}. */
class ExceptionHierarchyTest {
    static final Pattern PUBLIC_EXCEPTION = Pattern.compile("^public (?:final |abstract )?class (\\w+) extends ([\\w.]+)", Pattern.MULTILINE);

    @Test
    void everyPublicExceptionExtendsIamgateException() throws Exception {
        List<String> offending = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/iamgate"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = PUBLIC_EXCEPTION.matcher(Files.readString(p));
                while (m.find()) {
                    if (m.group(1).endsWith("Exception") && !m.group(1).equals("IamgateException")) {
                        found.add(m.group(1));
                        if (!m.group(2).endsWith("IamgateException")) {
                            offending.add(p + ": " + m.group(1) + " extends " + m.group(2));
                        }
                    }
                }
            }
        }
        assertTrue(found.containsAll(List.of("PolicyParseException", "BundleException", "InputException", "TraceException",
                "JsonSyntaxException")), found.toString());
        assertEquals(List.of(), offending);
    }
}
