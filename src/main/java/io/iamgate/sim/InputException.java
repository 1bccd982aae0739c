package io.iamgate.sim;

import io.iamgate.policy.Finding;

import java.util.List;

/** A request body that cannot be used: every problem, each with a JSON pointer (and line/column). */
public final class InputException extends Exception {
    private final List<Finding> errors;

    public InputException(List<Finding> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).message() + " at " + errors.get(0).pointer());
        this.errors = List.copyOf(errors);
    }

    public List<Finding> errors() {
        return errors;
    }
}
