package io.iamgate.runtime.presign;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only Quarkus' false "unrecognized" warning for quarkus.redis.hosts is dropped; other keys and lines still log. */
class RedisHostsWarningFilterTest {
    static LogRecord record(String msg, Object... params) {
        LogRecord r = new LogRecord(Level.WARNING, msg);
        r.setParameters(params);
        return r;
    }

    @Test
    void dropsOnlyTheRedisHostsWarning() {
        RedisHostsWarningFilter f = new RedisHostsWarningFilter();
        assertFalse(f.isLoggable(record("Unrecognized configuration key \"quarkus.redis.hosts\" was provided; it will be ignored")));
        assertFalse(f.isLoggable(record("Unrecognized configuration key \"%s\" was provided; it will be ignored", "quarkus.redis.hosts")));
        assertTrue(f.isLoggable(record("Unrecognized configuration key \"%s\" was provided; it will be ignored", "quarkus.redis.host")));
        assertTrue(f.isLoggable(record("Unrecognized configuration key \"quarkus.http.prot\" was provided; it will be ignored")));
        assertTrue(f.isLoggable(record("bundle demo-1 loaded from classpath:demo-bundle")));
        assertTrue(f.isLoggable(record(null)));
    }
}
