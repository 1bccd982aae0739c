package io.iamgate.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /v1/authorize} and the bare endpoint {@code /v1/noop} on the wire, over one raw keep-alive connection:
 * status, content type, a {@code Content-Length} that is the body's length (not chunked), the decision id on
 * every decision and never twice the same, problem documents unchanged, the connection kept open; and the bare
 * endpoint answering the same way minus the decision (its constant, no decision id), 404 unless switched on.
 */
@QuarkusTest
class AuthorizeWireTest {
    static final String ALLOW = AuthorizeResourceTests.req(AuthorizeResourceTests.ALICE, AuthorizeResourceTests.PRESIGN_NB,
            AuthorizeResourceTests.NB + "alice-nb", null);
    static final String DENY = ALLOW.replace("alice-nb", "bob-nb");
    static final Pattern ID = Pattern.compile("[0-9a-f]{12}-[0-9a-f]+");

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** POSTs each body in turn over one connection and reads each answer by its Content-Length. */
    static Answer[] exchange(String path, String... bodies) throws IOException {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        Answer[] answers = new Answer[bodies.length];
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < bodies.length; i++) {
                byte[] body = bodies[i].getBytes(StandardCharsets.UTF_8);
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                answers[i] = read(in);
            }
        }
        return answers;
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the head: " + head);
            }
            head.write(b);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            assertNull(headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim()),
                    "header sent twice: " + lines[i]);
        }
        assertNull(headers.get("transfer-encoding"), "chunked: " + headers);
        String length = headers.get("content-length");
        assertNotNull(length, "no Content-Length: " + headers);
        byte[] body = in.readNBytes(Integer.parseInt(length));
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void decisionsProblemsAndTheConnectionOnTheWire() throws IOException {
        Answer[] a = exchange("/v1/authorize", ALLOW, DENY, "{\"action\":1}", ALLOW);
        assertEquals(200, a[0].status());
        assertEquals("application/json;charset=UTF-8", a[0].header("Content-Type"));
        assertTrue(a[0].body().startsWith("{\"decision\":\"ALLOW\",\"allowed\":true,"), a[0].body());
        assertTrue(a[0].body().endsWith("\"revision\":\"demo-1\"}"), a[0].body());
        assertEquals(200, a[1].status());
        assertTrue(a[1].body().startsWith("{\"decision\":\"IMPLICIT_DENY\",\"allowed\":false,"), a[1].body());
        for (Answer ok : new Answer[] {a[0], a[1], a[3]}) {
            String id = ok.header(DecisionLog.HEADER);
            assertNotNull(id, "no decision id: " + ok.headers());
            assertTrue(ID.matcher(id).matches(), ok.headers().toString());
            assertNull(ok.header("Connection"), "keep-alive is HTTP/1.1's default: " + ok.headers());
        }
        assertNotEquals(a[0].header(DecisionLog.HEADER), a[3].header(DecisionLog.HEADER));
        assertEquals(a[0].body(), a[3].body());
        assertEquals(400, a[2].status());
        assertEquals(Problems.MEDIA_TYPE, a[2].header("Content-Type"));
        assertTrue(a[2].body().contains("\"status\":400"), a[2].body());
        assertNull(a[2].header(DecisionLog.HEADER), "no decision, no decision id");
    }

    @Test
    void theBareEndpointIsOffByDefault() throws IOException {
        assertEquals(404, exchange("/v1/noop", ALLOW)[0].status());
    }
}
