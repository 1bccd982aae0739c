package io.iamgate.sim;

import io.iamgate.policy.Finding;

import java.util.List;

/** A request body that cannot be used: every problem, each with a JSON pointer (and line/column). */
public final class InputException extends io.iamgate.error.IamgateException {
    private final List<Finding> errors;
    private final int omitted;

    public InputException(List<Finding> errors) {
        this(errors, 0);
    }

    /** {@code omitted}: further errors counted but not kept (beyond {@link JsonInput#MAX_ERRORS}). */
    public InputException(List<Finding> errors, int omitted) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).message() + " at " + errors.get(0).pointer());
        this.errors = List.copyOf(errors);
        this.omitted = omitted;
    }

    public int omitted() {
        return omitted;
    }

    public List<Finding> errors() {
        return errors;
    }
}
