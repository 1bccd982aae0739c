package io.iamgate.runtime;

import io.iamgate.bundle.BundleLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle poll without the scheduler extension: a timer on Vert.x that reloads a changed directory bundle, one tick
 * at a time, and is not started for the embedded demo bundle; and the default limits are the ones the embedded bundle's
 * prefetch uses (or the prefetch would never be taken).
 */
class BundlePollerTest {

    static BundleConfig config(Optional<String> path) {
        return TestBundleConfig.DEFAULTS.withPath(path, Duration.ofMillis(1));
    }

    static Path copyDemo() throws Exception {
        Path dir = Files.createTempDirectory("iamgate-poll");
        String index;
        try (InputStream in = BundlePollerTest.class.getResourceAsStream("/demo-bundle/index.txt")) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String rel : index.split("\n")) {
            if (rel.isBlank()) {
                continue;
            }
            Path to = dir.resolve(rel.trim());
            Files.createDirectories(to.getParent());
            try (InputStream in = BundlePollerTest.class.getResourceAsStream("/demo-bundle/" + rel.trim())) {
                Files.write(to, in.readAllBytes());
            }
        }
        return dir;
    }

    @Test
    void aChangedDirectoryIsReloadedByTheTimer() throws Exception {
        Path dir = copyDemo();
        Vertx vertx = Vertx.vertx();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BundleHolder holder = new BundleHolder(config(Optional.of(dir.toString())), registry);
        BundlePoller poller = new BundlePoller(holder, vertx);
        try {
            holder.onStart(null);
            assertEquals("demo-1", holder.current().revision());
            poller.onStart(null);
            assertTrue(poller.started());
            Files.writeString(dir.resolve("iamgate-bundle.yaml"), "revision: demo-2\naccount: \"111122223333\"\nregion: us-east-1\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"demo-2".equals(holder.current().revision()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.sleep(10); // waiting for a condition with a deadline, not for a time
            }
            assertEquals("demo-2", holder.current().revision(), "the timer's tick reloaded the changed bundle");
        } finally {
            poller.onStop(null);
            holder.onStop(null);
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        assertFalse(poller.started());
    }

    @Test
    void theEmbeddedBundleIsNotPolled() {
        Vertx vertx = Vertx.vertx();
        try {
            BundlePoller poller = new BundlePoller(new BundleHolder(config(Optional.empty()), new SimpleMeterRegistry()), vertx);
            poller.onStart(null);
            assertFalse(poller.started());
        } finally {
            vertx.close();
        }
    }

    @Test
    void theDefaultLimitsAreTheEmbeddedPrefetchsLimits() {
        SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(BundleConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withConverter(MemorySize.class, 200, new io.quarkus.runtime.configuration.MemorySizeConverter()).build();
        assertEquals(BundleLimits.DEFAULT, BundleHolder.limits(c.getConfigMapping(BundleConfig.class)));
    }
}
