package io.iamgate.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over a raw socket: the request target is sent byte for byte as given
 * (raw backslashes, NUL escapes, invalid percent-encoding — what java.net.URI refuses to build).
 */
final class RawHttp {
    record Reply(int status, List<String[]> headers, String body) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        List<String> headers(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    out.add(h[1]);
                }
            }
            return out;
        }
    }

    private RawHttp() {
    }

    /** @param extraHeaders "Name: value" lines */
    static Reply get(int port, String target, String... extraHeaders) throws IOException {
        boolean hasHost = false;
        StringBuilder req = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
        for (String h : extraHeaders) {
            if (h == null) {
                continue;
            }
            hasHost |= h.toLowerCase(Locale.ROOT).startsWith("host:");
            req.append(h).append("\r\n");
        }
        if (!hasHost) {
            req.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        req.append("Connection: close\r\n\r\n");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            String text = buf.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.") || end < 0) {
                return new Reply(-1, List.of(), text); // connection closed without an answer: refused
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim()});
            }
            return new Reply(status, headers, text.substring(end + 4));
        }
    }
}
