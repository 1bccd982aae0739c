package io.iamgate.error;

/**
 * The common supertype of iamgate's checked exceptions: every failure the engine reports to a caller
 * as input it cannot use — a policy that does not parse ({@code PolicyParseException}), a bundle it
 * refuses ({@code BundleException}), an unusable request body ({@code InputException}), malformed JSON
 * ({@code JsonSyntaxException}), a bad trace line ({@code TraceException}). Catch this to handle "iamgate
 * refused the input" in one place; the subtypes carry where (positions, findings) and why.
 */
public abstract class IamgateException extends Exception {

    protected IamgateException(String message) {
        super(message);
    }

    protected IamgateException(String message, Throwable cause) {
        super(message, cause);
    }
}
