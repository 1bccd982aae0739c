package io.iamgate.eval;

/**
 * The first part of a statement that did not match a request, with what it was compared against:
 * the action against Action/NotAction, the resource against Resource/NotResource, or a condition
 * with its values.
 */
public sealed interface Mismatch {

    /** Which part of the statement failed. */
    enum Part {
        ACTION, RESOURCE, CONDITION;

        /** The API's spelling: action, resource, condition. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Part part();

    /** The action is not in Action, or is listed in NotAction ({@code notAction}). */
    record Action(String action, boolean notAction) implements Mismatch {
        @Override
        public Part part() {
            return Part.ACTION;
        }
    }

    /** The resource is not in Resource, or is listed in NotResource ({@code notResource}). */
    record Resource(String resource, boolean notResource) implements Mismatch {
        @Override
        public Part part() {
            return Part.RESOURCE;
        }
    }

    /** The first condition that is false, with its values. */
    record Condition(ConditionTrace condition) implements Mismatch {
        @Override
        public Part part() {
            return Part.CONDITION;
        }
    }
}
