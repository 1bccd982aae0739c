package io.iamgate.bundle;

/** A bundle that could not be read at all (missing path, unreadable archive, unsafe entry). */
public final class BundleException extends io.iamgate.error.IamgateException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
