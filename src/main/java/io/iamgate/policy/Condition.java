package io.iamgate.policy;

import io.iamgate.json.Position;

import java.util.List;
import java.util.Locale;

/** One operator–key pair of a Condition block with its values (ORed, or NOR for negated operators). */
public record Condition(ConditionOperator operator, Position operatorPosition, String key, String lowerKey,
                        Position keyPosition, List<ConditionValue> values) {

    public static Condition of(ConditionOperator op, Position opPos, String key, Position keyPos, List<ConditionValue> values) {
        return new Condition(op, opPos, key, key.toLowerCase(Locale.ROOT), keyPos, List.copyOf(values));
    }
}
