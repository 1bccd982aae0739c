package io.iamgate.bundle;

import java.util.List;
import java.util.Map;

/** A role or IAM user of the bundle: its unique id, attached policies, optional boundary and tags. */
public record PrincipalDef(Kind kind, String name, String id, List<String> policies, String permissionsBoundary,
                           Map<String, String> tags) {
    public enum Kind { ROLE, USER }
}
