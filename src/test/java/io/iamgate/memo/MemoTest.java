package io.iamgate.memo;

import io.iamgate.authz.Caller;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md: memos are bounded in bytes, not entries: huge keys cannot hold more than the budget. */
class MemoTest {

    static long retained(ConcurrentMap<String, ?> m) {
        long n = 0;
        for (Map.Entry<String, ?> e : m.entrySet()) {
            n += Memo.bytes(e.getKey()) + (e.getValue() instanceof Weighed w ? w.bytes() : 0);
        }
        return n;
    }

    @Test
    void aMemoOfHugeKeysStaysUnderItsByteBudget() {
        long budget = 1L << 20;
        ConcurrentMap<String, String> m = Memo.bounded(budget, (String k, String v) -> Memo.ENTRY + Memo.bytes(k) + Memo.bytes(v));
        for (int i = 0; i < 200; i++) {
            m.put(i + "x".repeat(100_000), "v");
            assertTrue(retained(m) <= budget, "after " + i + ": " + retained(m));
        }
        assertTrue(m.size() <= 6, "size " + m.size());
        for (int i = 0; i < 10_000; i++) {
            m.put("small" + i, "v"); // small entries still fit in numbers
        }
        assertTrue(m.size() > 1000, "size " + m.size());
    }

    @Test
    void theCallerMemoIsWeighedByTheCallersSize() {
        Bundle demo = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false)
                .load(BundleSource.of("classpath:demo-bundle")).bundle();
        long budget = 256 << 10;
        Bundle b = demo;
        java.util.concurrent.ConcurrentMap<String, Caller> callers = Caller.newMemo(b, budget);
        String prefix = "arn:aws:sts::111122223333:assumed-role/DataScientist/";
        Caller session = Caller.resolve(b, prefix + "s".repeat(64), null); // the longest session name
        assertTrue(session.known());
        assertTrue(session.bytes() > 500, "a caller weighs its derived keys: " + session.bytes());
        for (int i = 0; i < 500; i++) {
            // ARNs as long as the input limits allow (unknown callers, memoized with their reason)
            Caller c = Caller.resolve(b, prefix + i + "s".repeat(1990), null);
            assertTrue(c.bytes() > 100);
        }
        assertTrue(callers == Caller.memo(b), "the bundle's memo");
        assertTrue(retained(callers) <= budget, "retained " + retained(callers));
        assertTrue(callers.size() < 500 && !callers.isEmpty(), "size " + callers.size());
        assertEquals(Caller.resolve(b, prefix + "alice", null).def(), Caller.resolve(b, prefix + "alice", null).def());
    }
}
