package io.iamgate.api;

import io.iamgate.authz.Decider;
import io.iamgate.eval.Decision;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ResponseBody}: the answer's exact UTF-8 bytes, one answer after another. */
class ResponseBodyTest {
    @Test
    void eachAnswerIsItsOwnBytes() {
        String[] answers = {"{\"decision\":\"ALLOW\",\"allowed\":true,\"reason\":\"é " + "x".repeat(300) + "\"}",
                "{\"decision\":\"IMPLICIT_DENY\",\"allowed\":false}", ""};
        for (int round = 0; round < 2; round++) {
            for (String a : answers) {
                Buffer b = ResponseBody.of(new Decider.Decided(Decision.ALLOW, null, a, null));
                try {
                    assertEquals(a.getBytes(StandardCharsets.UTF_8).length, b.length());
                    assertEquals(a, b.toString(StandardCharsets.UTF_8));
                } finally {
                    b.getByteBuf().release();
                }
            }
        }
        Buffer constant = ResponseBody.of("{\"decision\":\"ALLOW\",\"allowed\":true}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"decision\":\"ALLOW\",\"allowed\":true}", constant.toString(StandardCharsets.UTF_8));
        constant.getByteBuf().release();
    }
}
