package io.iamgate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The logged host name without a name-service look-up: HOSTNAME, else the kernel's host name, as SmallRye Common would log it. */
class LogHostNameTest {
    @TempDir
    Path dir;

    Path kernel(String content) throws IOException {
        return Files.writeString(dir.resolve("hostname"), content);
    }

    @Test
    void hostnameFromTheEnvironmentWinsAsInAPod() throws IOException {
        assertEquals(Optional.of("iamgate-7d4f9-x2k"), LogHostName.hostName(Map.of("HOSTNAME", " IAMGATE-7d4f9-x2k "), kernel("node-1\n")));
    }

    @Test
    void withoutHostnameTheKernelsNameNotALookup() throws IOException {
        assertEquals(Optional.of("build-box.example.org"), LogHostName.hostName(Map.of(), kernel("Build-Box.example.org\n")));
        assertEquals(Optional.of("vm"), LogHostName.hostName(Map.of("HOSTNAME", "  "), kernel("vm\n")));
    }

    @Test
    void nothingKnownOrAnAddressLeavesTheDecisionToTheLibrary() throws IOException {
        assertEquals(Optional.empty(), LogHostName.hostName(Map.of(), dir.resolve("missing")));
        assertEquals(Optional.empty(), LogHostName.hostName(Map.of(), kernel("\n")));
        assertEquals(Optional.empty(), LogHostName.hostName(Map.of("HOSTNAME", "10.1.2.3"), kernel("vm")));
        assertEquals(Optional.empty(), LogHostName.hostName(Map.of(), kernel("fe80::1")));
    }

    @Test
    void aPropertyAlreadySetIsKept() {
        String before = System.getProperty(LogHostName.PROPERTY);
        try {
            System.setProperty(LogHostName.PROPERTY, "given.by.operator");
            LogHostName.setWithoutLookup();
            assertEquals("given.by.operator", System.getProperty(LogHostName.PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty(LogHostName.PROPERTY);
            } else {
                System.setProperty(LogHostName.PROPERTY, before);
            }
        }
    }
}
