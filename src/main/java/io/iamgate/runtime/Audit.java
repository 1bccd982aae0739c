package io.iamgate.runtime;

import io.iamgate.json.JsonWriter;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * One JSON line per presign issuance, token exchange and refusal, on the logger category
 * {@code iamgate.audit} (route it to its own handler or keep it in the console stream). Tokens,
 * cookies and keys are never written; the grant's nonce identifies a token.
 */
public final class Audit {
    private static final Logger LOG = Logger.getLogger("iamgate.audit");

    private Audit() {
    }

    public static void log(String event, String principal, String resource, String path, int status, String reason, String nonce) {
        JsonWriter w = new JsonWriter(256).begin()
                .field("ts", Instant.now().toString())
                .field("event", event)
                .field("principal", principal)
                .field("resource", resource)
                .field("path", path)
                .field("status", status)
                .field("reason", reason);
        if (nonce != null) {
            w.field("nonce", nonce);
        }
        LOG.info(w.end().toString());
    }
}
