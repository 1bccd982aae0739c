package io.iamgate.api;

import com.github.benmanes.caffeine.cache.Cache;
import io.iamgate.authz.AuthorizeInput;
import io.iamgate.authz.DecisionKey;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.BundleSource;
import io.iamgate.eval.Decision;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision cache is bounded in bytes: keys as long as the input limits allow cannot exceed it. */
class DecisionCacheWeightTest {

    @Test
    void hugeKeysStayUnderTheByteBudget() throws Exception {
        Bundle demo = new BundleLoader(() -> new PolicyValidator(ServiceReference.get()), false)
                .load(BundleSource.of("classpath:demo-bundle")).bundle();
        long budget = 1L << 20;
        io.iamgate.authz.DecisionCache decisions = new io.iamgate.authz.DecisionCache(budget, Duration.ofMinutes(5));
        Cache<DecisionKey, DecisionKey> cache = decisions.caffeine();
        JsonTreeParser json = new JsonTreeParser();
        long inserted = 0;
        for (int i = 0; i < 2000; i++) {
            String resource = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/" + i + "n".repeat(1900);
            String body = "{\"principal\":\"arn:aws:sts::111122223333:assumed-role/"
                    + "DataScientist/" + i + "s".repeat(58) + "\",\"action\":\"sagemaker:DescribeNotebookInstance\",\"resource\":\"" + resource + "\"}";
            DecisionKey key = DecisionKey.of(demo.generation(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertNotNull(key);
            assertTrue(key.bytes() > 1900, "weighs its bytes: " + key.bytes());
            byte[] answer = ("{\"reason\":\"" + resource + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            decisions.put(key, Decision.IMPLICIT_DENY, AuthorizeInput.parse(json.parse(body)), answer);
            inserted += key.bytes() + answer.length;
            long weight = cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
            assertTrue(weight <= budget, "weight " + weight);
        }
        assertTrue(inserted > 5 * budget);
        assertTrue(cache.estimatedSize() < 150, "entries " + cache.estimatedSize());
    }
}
