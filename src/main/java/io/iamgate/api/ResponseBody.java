package io.iamgate.api;

import io.iamgate.authz.Decider;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.quarkus.vertx.utils.NoBoundChecksBuffer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A response body as a Vert.x {@link Buffer} over a pooled direct Netty buffer, which RESTEasy Reactive hands to
 * {@code HttpServerResponse.end} as it is (its fixed writer for a {@code Buffer} return type): the decision's UTF-8
 * bytes go from the thread's buffer straight into the buffer the socket is written from, with no {@code byte[]}
 * in between. It is what RESTEasy itself does with a returned {@code byte[]} (copy into a pooled direct buffer),
 * minus that array. Netty releases the buffer once written (or on a failed write).
 */
final class ResponseBody {
    private ResponseBody() {
    }

    /** The decision's answer, copied once from where the {@link Decider} wrote it. */
    static Buffer of(Decider.Decided d) {
        ByteBuf buf = VertxByteBufAllocator.POOLED_ALLOCATOR.directBuffer(d.utf8Length());
        try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
            d.writeTo(out);
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return new NoBoundChecksBuffer(buf);
    }

    /** A constant answer, copied into a fresh buffer per response (a written buffer is released). */
    static Buffer of(byte[] constant) {
        ByteBuf buf = VertxByteBufAllocator.POOLED_ALLOCATOR.directBuffer(constant.length);
        buf.writeBytes(constant);
        return new NoBoundChecksBuffer(buf);
    }
}
