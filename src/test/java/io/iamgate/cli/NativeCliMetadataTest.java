package io.iamgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native executable's CLI needs reflection metadata for every picocli command, which picocli-codegen's
 * annotation processor writes at compile time ({@code pom.xml}). This checks, without a native build, that
 * the metadata is there and names every command class {@link Cli#commandLine()} reaches (and their version
 * providers and picocli's help mixin), so removing the processor or adding a command it cannot see fails here.
 */
class NativeCliMetadataTest {
    static final String CONFIG = "META-INF/native-image/picocli-generated/io.iamgate/iamgate/reflect-config.json";

    @Test
    void everyCommandClassHasReflectionMetadata() throws Exception {
        Set<String> registered = new HashSet<>();
        try (InputStream in = Cli.class.getClassLoader().getResourceAsStream(CONFIG)) {
            assertNotNull(in, CONFIG + " is missing: picocli-codegen must be on the compiler's annotation processor path");
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                registered.add(entry.get("name").asText());
            }
        }
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        Set<String> needed = new TreeSet<>();
        Deque<CommandLine> todo = new ArrayDeque<>();
        todo.add(new Cli(none, none).commandLine());
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            needed.add(cl.getCommandSpec().userObject().getClass().getName());
            CommandLine.IVersionProvider version = cl.getCommandSpec().versionProvider();
            if (version != null && version.getClass().getName().startsWith("io.iamgate.")) {
                needed.add(version.getClass().getName());
            }
            todo.addAll(cl.getSubcommands().values());
        }
        needed.add("picocli.CommandLine$AutoHelpMixin");
        assertTrue(needed.size() > 15, "the walk found the commands: " + needed);
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(registered);
        assertTrue(missing.isEmpty(), "no native reflection metadata for " + missing + " in " + CONFIG);
    }
}
