package io.iamgate.policy;

import io.iamgate.json.Position;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One condition value as written, with its parsed form for the operator family ({@link Parsed}): a
 * {@link Template} for String and Arn operators, a number, an instant, a flag (Bool and Null), a CIDR
 * block, or bytes (Binary).
 */
public record ConditionValue(String text, Position position, Parsed parsed) {

    /** The parsed form of a condition value: one variant per operator family. */
    public sealed interface Parsed permits Text, Decimal, Moment, Flag, Network, Binary {
    }

    /** String and Arn operators: the value with its policy variables and escapes. */
    public record Text(Template template) implements Parsed {
    }

    /** Numeric operators. */
    public record Decimal(BigDecimal value) implements Parsed {
    }

    /** Date operators. */
    public record Moment(Instant value) implements Parsed {
    }

    /** Bool and Null operators. */
    public record Flag(boolean value) implements Parsed {
    }

    /** IpAddress operators. */
    public record Network(Cidr cidr) implements Parsed {
    }

    /** BinaryEquals. */
    public record Binary(byte[] value) implements Parsed {
    }

    /** The template of a String or Arn operator's value; null for other families. */
    public Template template() {
        return parsed instanceof Text t ? t.template() : null;
    }

    /** The CIDR block of an IpAddress operator's value; null for other families. */
    public Cidr cidr() {
        return parsed instanceof Network n ? n.cidr() : null;
    }
}
