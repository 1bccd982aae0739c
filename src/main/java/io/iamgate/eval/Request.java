package io.iamgate.eval;

/** One authorization question: may this context perform {@code action} on {@code resource}? */
public record Request(String action, String resource, ContextLookup context) {
}
