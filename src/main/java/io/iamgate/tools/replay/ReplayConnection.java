package io.iamgate.tools.replay;

import javax.net.ssl.SSLSocketFactory;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that POSTs JSON and reads the answer, with little work per
 * request, as a load generator should: the request bytes are built ahead by the reader thread, one
 * write sends them, the answer is parsed from one reusable buffer with no header map. Reads
 * {@code Content-Length}, chunked and read-to-close bodies; reconnects after {@code Connection: close}
 * or any I/O error. Not thread-safe: one per sender thread.
 */
final class ReplayConnection implements Closeable {
    /** An HTTP answer. */
    record Answer(int status, String body) {
    }

    private final HttpTarget target;
    private final int timeoutMillis;
    private static final int MAX_BODY = 64 * 1024 * 1024;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;

    ReplayConnection(HttpTarget target, int timeoutMillis) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
    }

    /** The start of every request to {@code target}, up to the Content-Length value. */
    static byte[] head(HttpTarget target) {
        return ("POST " + target.path() + " HTTP/1.1\r\nHost: " + target.hostHeader()
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nUser-Agent: iamgate-replay\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The whole request for {@code body}: head, length, body — built once, off the sending threads. */
    static byte[] request(byte[] head, byte[] body) {
        byte[] len = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] req = new byte[head.length + len.length + body.length];
        System.arraycopy(head, 0, req, 0, head.length);
        System.arraycopy(len, 0, req, head.length, len.length);
        System.arraycopy(body, 0, req, head.length + len.length, body.length);
        return req;
    }

    /** Sends a request made by {@link #request(byte[], byte[])}; an I/O error closes the connection (the next call reconnects) and is thrown. */
    Answer send(byte[] request) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            out.write(request);
            return read();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private void connect() throws IOException {
        Socket s = target.https() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
            socket = s;
            out = s.getOutputStream();
            in = s.getInputStream();
            pos = 0;
            limit = 0;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private Answer read() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(h.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = h.substring(colon + 1).toLowerCase(java.util.Locale.ROOT).contains("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                close = h.substring(colon + 1).trim().equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (chunked) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            while (true) {
                String size = readLine();
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                b.write(readN(n));
                readLine();
            }
            body = b.toByteArray();
        } else if (length >= 0) {
            if (length > MAX_BODY) {
                throw new IOException("answer too large: " + length + " bytes");
            }
            body = readN((int) length);
        } else {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            while (fill()) {
                b.write(buf, pos, limit - pos);
                pos = limit;
                if (b.size() > MAX_BODY) {
                    throw new IOException("answer too large");
                }
            }
            body = b.toByteArray();
            close = true;
        }
        if (close) {
            close();
        }
        return new Answer(code, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads more into the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (limit == buf.length) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private byte[] readN(int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            if (pos == limit && !fill()) {
                throw new EOFException("connection closed in the middle of an answer");
            }
            int k = Math.min(n - got, limit - pos);
            System.arraycopy(buf, pos, b, got, k);
            pos += k;
            got += k;
        }
        return b;
    }

    private String readLine() throws IOException {
        int off = 0; // bytes after pos already scanned (fill() may move the data, not this offset)
        while (true) {
            for (int i = pos + off; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            off = limit - pos;
            if (off >= buf.length) {
                throw new IOException("header line longer than " + buf.length + " bytes");
            }
            if (!fill()) {
                throw new EOFException(off == 0 ? "connection closed by the server" : "connection closed in the middle of a line");
            }
        }
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing after a failure: nothing more to report
            }
        }
    }
}
