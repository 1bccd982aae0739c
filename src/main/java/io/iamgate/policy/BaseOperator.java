package io.iamgate.policy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The condition operators of the IAM policy language, without IfExists or set qualifiers. */
public enum BaseOperator {
    StringEquals(OperatorFamily.STRING, false),
    StringNotEquals(OperatorFamily.STRING, true),
    StringEqualsIgnoreCase(OperatorFamily.STRING, false),
    StringNotEqualsIgnoreCase(OperatorFamily.STRING, true),
    StringLike(OperatorFamily.STRING, false),
    StringNotLike(OperatorFamily.STRING, true),
    NumericEquals(OperatorFamily.NUMERIC, false),
    NumericNotEquals(OperatorFamily.NUMERIC, true),
    NumericLessThan(OperatorFamily.NUMERIC, false),
    NumericLessThanEquals(OperatorFamily.NUMERIC, false),
    NumericGreaterThan(OperatorFamily.NUMERIC, false),
    NumericGreaterThanEquals(OperatorFamily.NUMERIC, false),
    DateEquals(OperatorFamily.DATE, false),
    DateNotEquals(OperatorFamily.DATE, true),
    DateLessThan(OperatorFamily.DATE, false),
    DateLessThanEquals(OperatorFamily.DATE, false),
    DateGreaterThan(OperatorFamily.DATE, false),
    DateGreaterThanEquals(OperatorFamily.DATE, false),
    Bool(OperatorFamily.BOOL, false),
    BinaryEquals(OperatorFamily.BINARY, false),
    IpAddress(OperatorFamily.IP, false),
    NotIpAddress(OperatorFamily.IP, true),
    ArnEquals(OperatorFamily.ARN, false),
    ArnLike(OperatorFamily.ARN, false),
    ArnNotEquals(OperatorFamily.ARN, true),
    ArnNotLike(OperatorFamily.ARN, true),
    Null(OperatorFamily.NULL, false);

    private final OperatorFamily family;
    private final boolean negated;

    BaseOperator(OperatorFamily family, boolean negated) {
        this.family = family;
        this.negated = negated;
    }

    public OperatorFamily family() {
        return family;
    }

    /** Negated operators: the request value must match none of the policy values; absent key is true. */
    public boolean negated() {
        return negated;
    }

    /** The positive operator a negated one is the complement of (StringNotLike → StringLike). */
    public BaseOperator positive() {
        return switch (this) {
            case StringNotEquals -> StringEquals;
            case StringNotEqualsIgnoreCase -> StringEqualsIgnoreCase;
            case StringNotLike -> StringLike;
            case NumericNotEquals -> NumericEquals;
            case DateNotEquals -> DateEquals;
            case NotIpAddress -> IpAddress;
            case ArnNotEquals -> ArnEquals;
            case ArnNotLike -> ArnLike;
            default -> this;
        };
    }

    /**
     * For the Numeric and Date operators: whether a comparison result ({@code request.compareTo(policy)})
     * satisfies this operator (the negated ones through {@link #positive()}).
     */
    public boolean holds(int cmp) {
        return switch (positive()) {
            case NumericEquals, DateEquals -> cmp == 0;
            case NumericLessThan, DateLessThan -> cmp < 0;
            case NumericLessThanEquals, DateLessThanEquals -> cmp <= 0;
            case NumericGreaterThan, DateGreaterThan -> cmp > 0;
            case NumericGreaterThanEquals, DateGreaterThanEquals -> cmp >= 0;
            default -> false;
        };
    }

    private static final Map<String, BaseOperator> BY_LOWER = new HashMap<>();

    static {
        for (BaseOperator op : values()) {
            BY_LOWER.put(op.name().toLowerCase(Locale.ROOT), op);
        }
    }

    /** Looks an operator name up case-insensitively; null when unknown. */
    public static BaseOperator lookup(String name) {
        return BY_LOWER.get(name.toLowerCase(Locale.ROOT));
    }

    /** The known operator closest to {@code name} by edit distance, for "did you mean". */
    public static String suggest(String name) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (BaseOperator op : values()) {
            int d = io.iamgate.match.EditDistance.of(lower, op.name().toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = op.name();
            }
        }
        return bestD <= Math.max(2, lower.length() / 4) ? best : null;
    }
}
