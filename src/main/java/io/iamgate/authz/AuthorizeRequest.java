package io.iamgate.authz;

import io.iamgate.eval.RequestContext;

import java.util.Map;

/** A parsed authorize call: caller ARN, session tags, action, resource, and the caller's context keys. */
public record AuthorizeRequest(String principalArn, Map<String, String> sessionTags, String action, String resource,
                               RequestContext context) {
}
