package io.iamgate.validate;

import io.iamgate.policy.OperatorFamily;

import java.util.Locale;

/** The type of a condition key, as the service authorization reference names it. */
public enum KeyType {
    STRING, ARN, BOOL, NUMERIC, DATE, IP_ADDRESS, BINARY, ARRAY_OF_STRING, ARRAY_OF_ARN, ARRAY_OF_BOOL, ARRAY_OF_NUMERIC,
    /** aws:EpochTime compares as a date or a number. */
    DATE_OR_NUMERIC;

    public static KeyType of(String referenceName) {
        if (referenceName == null) {
            return STRING;
        }
        return switch (referenceName.toLowerCase(Locale.ROOT)) {
            case "arn" -> ARN;
            case "bool", "boolean" -> BOOL;
            case "numeric", "long", "integer" -> NUMERIC;
            case "date" -> DATE;
            case "ipaddress", "ip" -> IP_ADDRESS;
            case "binary" -> BINARY;
            case "arrayofstring" -> ARRAY_OF_STRING;
            case "arrayofarn" -> ARRAY_OF_ARN;
            case "arrayofbool" -> ARRAY_OF_BOOL;
            case "arrayofnumeric", "arrayoflong" -> ARRAY_OF_NUMERIC;
            default -> STRING;
        };
    }

    public boolean multivalued() {
        return name().startsWith("ARRAY_OF");
    }

    /** Whether an operator of {@code family} makes sense for a key of this type. */
    public boolean accepts(OperatorFamily family) {
        if (family == OperatorFamily.NULL) {
            return true;
        }
        return switch (this) {
            // an ARN operator on a String key is TYPE_MISMATCH ("Use the operator type String instead of operator ARN",
            // recorded Access Analyzer output on kms:EncryptionContext:aws:s3:arn); a String operator on an ARN key is not
            case STRING, ARRAY_OF_STRING -> family == OperatorFamily.STRING;
            case ARN, ARRAY_OF_ARN -> family == OperatorFamily.ARN || family == OperatorFamily.STRING;
            case BOOL, ARRAY_OF_BOOL -> family == OperatorFamily.BOOL;
            case NUMERIC, ARRAY_OF_NUMERIC -> family == OperatorFamily.NUMERIC;
            case DATE -> family == OperatorFamily.DATE;
            case DATE_OR_NUMERIC -> family == OperatorFamily.DATE || family == OperatorFamily.NUMERIC;
            case IP_ADDRESS -> family == OperatorFamily.IP;
            case BINARY -> family == OperatorFamily.BINARY;
        };
    }

    public String display() {
        return switch (this) {
            case IP_ADDRESS -> "IPAddress";
            case ARRAY_OF_STRING -> "ArrayOfString";
            case ARRAY_OF_ARN -> "ArrayOfARN";
            case ARRAY_OF_BOOL -> "ArrayOfBool";
            case ARRAY_OF_NUMERIC -> "ArrayOfNumeric";
            case DATE_OR_NUMERIC -> "Date or Numeric";
            case ARN -> "ARN";
            default -> name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        };
    }
}
