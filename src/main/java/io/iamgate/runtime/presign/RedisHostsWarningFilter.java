package io.iamgate.runtime.presign;

import io.quarkus.logging.LoggingFilter;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * {@code quarkus.redis.hosts} (the SPEC's name for the replay store's Redis) is read by iamgate itself
 * ({@link PresignBeans}, the Vert.x Redis client) since there is no Redis extension; Quarkus' start-up check then calls it
 * an "Unrecognized configuration key ... will be ignored", which is false. This console filter drops that one warning,
 * for that one key; every other unknown key is still reported ({@code quarkus.log.console.filter}).
 */
@LoggingFilter(name = "iamgate-redis-hosts")
public final class RedisHostsWarningFilter implements Filter {
    static final String KEY = "quarkus.redis.hosts";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !message.contains("Unrecognized configuration key")) {
            return true;
        }
        if (message.contains("\"" + KEY + "\"")) {
            return false;
        }
        Object[] params = record.getParameters();
        if (params != null) {
            for (Object p : params) {
                if (KEY.equals(String.valueOf(p))) {
                    return false;
                }
            }
        }
        return true;
    }
}
