package io.iamgate.policy;

import io.iamgate.json.Position;

import java.util.List;
import java.util.Locale;

/** One operator–key pair of a Condition block with its values (ORed, or NOR for negated operators). */
public record Condition(ConditionOperator operator, Position operatorPosition, String key, String lowerKey,
                        Position keyPosition, List<ConditionValue> values) {

    public static Condition of(ConditionOperator op, Position opPos, String key, Position keyPos, List<ConditionValue> values) {
        // the lower-cased key interned: every plan asks the request context with one instance per key, which the
        // context's remembered lookups and its tag-suffix table compare by identity
        return new Condition(op, opPos, key, key.toLowerCase(Locale.ROOT).intern(), keyPos, List.copyOf(values));
    }
}
