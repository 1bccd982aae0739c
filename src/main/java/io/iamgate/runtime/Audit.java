package io.iamgate.runtime;

import io.iamgate.json.JsonWriter;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * One JSON line per presign issuance, token exchange and refusal, on the logger category
 * {@code iamgate.audit} (route it to its own handler or keep it in the console stream), its fields also
 * as structured fields of the record (MDC: the {@code mdc} object of JSON console logging). Tokens,
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
        // the same fields as structured fields of the record too ("mdc" of JSON console logging)
        String[][] fields = {{"event", event}, {"principal", principal}, {"resource", resource}, {"path", path},
                {"status", Integer.toString(status)}, {"reason", reason}, {"nonce", nonce}};
        try {
            for (String[] f : fields) {
                if (f[1] != null) {
                    org.jboss.logging.MDC.put(f[0], f[1]);
                }
            }
            LOG.info(w.end().toString());
        } finally {
            for (String[] f : fields) {
                org.jboss.logging.MDC.remove(f[0]);
            }
        }
    }
}
