package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TestBundles;
import io.iamgate.eval.ExplainMode;
import io.iamgate.sim.InputException;
import io.iamgate.validate.KeyType;
import io.iamgate.validate.KeyTypes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The decision path types a context value by its bundle snapshot's {@link KeyTypes} ({@code Bundle.keyTypes()}): global keys always, service keys when
 * the bundle's policies name them (resolved once per snapshot, so deciding never reads the service reference);
 * a service key no policy names is taken as a string.
 */
class KeyTypesTest {
    static final String ALICE = "arn:aws:sts::111122223333:assumed-role/DS/alice";

    static Bundle bundle(String condition) {
        Map<String, String> f = new HashMap<>();
        f.put("iamgate-bundle.yaml", "revision: r1\naccount: \"111122223333\"\nregion: us-east-1\n");
        f.put("policies/all.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:*\",\"Resource\":\"*\""
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}");
        f.put("principals.yaml", "roles:\n  - name: DS\n    id: AROADS\n    policies: [all]\n");
        return TestBundles.accepted(f);
    }

    static Decider.Answer ask(Bundle b, String context) {
        String body = "{\"principal\":\"" + ALICE + "\",\"action\":\"sagemaker:CreateNotebookInstance\",\"context\":" + context + "}";
        return new Decider(false, null, 100).decide(b, body.getBytes(StandardCharsets.UTF_8), ExplainMode.OFF, Instant.now());
    }

    @Test
    void aServiceKeyIsTypedOnlyWhenTheBundleNamesIt() {
        Bundle naming = bundle("{\"ArnLike\":{\"sagemaker:VolumeKmsKey\":\"arn:aws:kms:*:111122223333:key/*\"}}");
        Bundle silent = bundle(null);
        assertEquals(KeyType.ARN, naming.keyTypes().type("sagemaker:volumekmskey"));
        assertNull(silent.keyTypes().type("sagemaker:volumekmskey"), "no policy names it: no type to check");
        assertEquals(KeyType.IP_ADDRESS, silent.keyTypes().type("aws:sourceip"), "global keys are always typed");
        assertSame(silent.keyTypes(), silent.keyTypes(), "one table per snapshot, carried by it");
        assertNotSame(naming.keyTypes(), bundle("{\"ArnLike\":{\"sagemaker:VolumeKmsKey\":\"arn:aws:kms:*:111122223333:key/*\"}}").keyTypes(),
                "each snapshot has its own table (nothing shared or kept across reloads)");

        String wrong = "{\"sagemaker:VolumeKmsKey\":\"key\"}";
        Decider.Invalid refused = assertInstanceOf(Decider.Invalid.class, ask(naming, wrong));
        assertEquals("/context/sagemaker:VolumeKmsKey", refused.error().errors().get(0).pointer());
        assertInstanceOf(Decider.Decided.class, ask(silent, wrong), "a key no policy reads is only a string");
        assertInstanceOf(Decider.Invalid.class, ask(silent, "{\"aws:SourceIp\":\"nope\"}"));
        // without a bundle (tools, policy tests) every key the service reference knows is typed, as before
        String body = "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"context\":" + wrong + "}";
        assertThrows(InputException.class, () -> RequestReader.read(body));
    }
}
