package io.iamgate.bundle;

import java.util.List;
import java.util.Map;

/**
 * A role or IAM user of the bundle: its unique id, attached policies, optional boundary and tags.
 * {@code path} is the IAM path ({@code /} unless principals.yaml says otherwise; always starts and
 * ends with {@code /}): a user's canonical ARN is {@code arn:PARTITION:iam::ACCOUNT:user} + path + name.
 */
public record PrincipalDef(Kind kind, String name, String id, List<String> policies, String permissionsBoundary,
                           Map<String, String> tags, String path) {
    public enum Kind { ROLE, USER }
}
