package io.iamgate.validate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service reference is loaded as bytes plus an index of where each service lies, and services are
 * parsed on first use. The index is a resource built from the reference: when the reference changes,
 * regenerate it with {@code ./mvnw -B test -Dtest=ServiceReferenceIndexTest -Diamgate.write-service-index=true}.
 */
class ServiceReferenceIndexTest {
    private static final Path INDEX_FILE = Path.of("src/main/resources", ServiceReference.INDEX_RESOURCE);

    private static byte[] json() throws IOException {
        try (InputStream in = new GZIPInputStream(ServiceReference.class.getClassLoader().getResourceAsStream(ServiceReference.RESOURCE))) {
            return in.readAllBytes();
        }
    }

    @Test
    void theShippedIndexWasBuiltFromTheShippedReference() throws IOException {
        String expected = ServiceReference.indexText(json());
        if (Boolean.getBoolean("iamgate.write-service-index")) {
            Files.writeString(INDEX_FILE, expected);
        }
        assertEquals(expected, Files.readString(INDEX_FILE, StandardCharsets.UTF_8),
                "stale " + INDEX_FILE + ": regenerate it (see this class's comment)");
        assertNotNull(ServiceReference.readIndex(json()), "the index resource on the class path is the one in src/main/resources");
    }

    @Test
    void aStaleOrDamagedIndexIsNotUsed() throws IOException {
        byte[] changed = json();
        changed[changed.length / 2] ^= 1;
        assertNull(ServiceReference.readIndex(changed), "another reference (length and CRC-32 differ in the header)");
    }

    @Test
    void everyServiceOfTheIndexParsesToItsOwnPrefixOnceAndCaseInsensitively() throws IOException {
        ServiceReference ref = ServiceReference.get();
        Map<String, ServiceReference.Slice> scanned = ServiceReference.scan(json());
        assertEquals(scanned.size(), ref.serviceCount());
        assertTrue(ref.serviceCount() > 400, "456 services in the shipped reference");
        for (String prefix : ref.servicePrefixes()) {
            ServiceReference.Service s = ref.service(prefix);
            assertNotNull(s, prefix);
            assertEquals(scanned.get(prefix).prefix(), s.prefix());
            assertFalse(s.actions().isEmpty() && s.resourceTypes().isEmpty() && s.conditionKeys().isEmpty(), prefix + " parsed empty");
            assertSame(s, ref.service(prefix), "parsed once: identity is the services' equality");
        }
        assertSame(ref.service("sagemaker"), ref.service("SageMaker"));
        assertNotNull(ref.service("sagemaker").action("CreatePresignedNotebookInstanceUrl"));
        assertNull(ref.service("no-such-service"));
    }
}
