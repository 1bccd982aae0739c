package io.iamgate.policy;

import io.iamgate.json.Position;

/**
 * One condition value as written, with its parsed form for the operator family: a {@link Template}
 * for String and Arn operators, {@link java.math.BigDecimal}, {@link java.time.Instant},
 * {@link Boolean}, {@link Cidr}, or {@code byte[]}.
 */
public record ConditionValue(String text, Position position, Object parsed) {
}
