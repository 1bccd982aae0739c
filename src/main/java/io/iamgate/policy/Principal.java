package io.iamgate.policy;

import io.iamgate.json.Position;

import java.util.List;

/**
 * The Principal or NotPrincipal element of a statement (role trust and resource-based policies only):
 * {@code "*"} ({@code wildcard}) or {@code {TYPE: value | [values]}} as one entry per value.
 */
public record Principal(boolean not, Position position, boolean wildcard, List<Entry> entries) {

    /** One principal value: {@code type} is the key as written (AWS, Service, Federated, CanonicalUser). */
    public record Entry(String type, String value, Position position) {
    }
}
