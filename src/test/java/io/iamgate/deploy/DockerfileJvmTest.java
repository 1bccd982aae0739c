package io.iamgate.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/Dockerfile.jvm's ENTRYPOINT, run here with a stub {@code java} that prints its arguments: the image's
 * jvm.options and AOT cache first, then IAMGATE_JAVA_OPTS (a later flag wins, as in ./iamgate), then the jar and the
 * container's arguments unchanged.
 */
class DockerfileJvmTest {

    static List<String> entrypoint() throws Exception {
        String line = Files.readAllLines(Path.of("docker/Dockerfile.jvm")).stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow();
        List<String> argv = new ArrayList<>();
        new ObjectMapper().readTree(line.substring("ENTRYPOINT ".length())).forEach(n -> argv.add(n.asText()));
        return argv;
    }

    static String run(String javaOpts, String... args) throws Exception {
        Path bin = Files.createTempDirectory("stub-java");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cmd = new ArrayList<>(entrypoint());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        if (javaOpts == null) {
            pb.environment().remove("IAMGATE_JAVA_OPTS");
        } else {
            pb.environment().put("IAMGATE_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void javaOptionsComeAfterTheImagesFlagsAndArgumentsPassThrough() throws Exception {
        String base = "@/opt/iamgate/jvm.options\n-XX:AOTCache=/opt/iamgate/app.aot\n-XX:AOTMode=on\n";
        assertEquals(base + "-jar\n/opt/iamgate/quarkus-run.jar\n", run(null));
        assertEquals(base + "-XX:CompileThresholdScaling=1\n-Dquarkus.log.level=DEBUG\n-jar\n/opt/iamgate/quarkus-run.jar\nserve\n",
                run("-XX:CompileThresholdScaling=1 -Dquarkus.log.level=DEBUG", "serve"));
        assertEquals(base + "-jar\n/opt/iamgate/quarkus-run.jar\nvalidate\na b.json\n", run("", "validate", "a b.json"));
    }

    @Test
    void iamgateHasTheSameHook() throws Exception {
        String script = Files.readString(Path.of("iamgate"));
        assertTrue(script.contains("exec \"$java_bin\" $cli_opts ${IAMGATE_JAVA_OPTS:-} -jar \"$jar\" \"$@\""), "./iamgate: options after jvm.options");
    }
}
