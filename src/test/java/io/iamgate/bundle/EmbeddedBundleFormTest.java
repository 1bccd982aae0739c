package io.iamgate.bundle;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.authz.Authorizer;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded demo bundle's build-time form ({@link EmbeddedBundleForm}, written by the build's {@code process-classes}
 * step): the same files, trees equal to what the stages parse (line, column and pointer of every value and key), and a
 * bundle loaded from it equal to one loaded from the text, down to its decisions and their explanations.
 */
class EmbeddedBundleFormTest {
    static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");

    static BundleFiles text() throws Exception {
        return BundleSource.of(EmbeddedBundle.LOCATION, BundleLimits.DEFAULT).read(BundleLimits.DEFAULT);
    }

    @Test
    void theBuildWritesTheFormWithTheBundlesFilesAndTheTreesTheStagesParse() throws Exception {
        EmbeddedBundleForm.Form form = EmbeddedBundleForm.read();
        assertNotNull(form, EmbeddedBundleForm.RESOURCE + " is missing: the pom's embedded-bundle-form execution did not run");
        BundleFiles files = text();
        assertEquals(files, form.files());
        Map<String, JsonNode> parsed = EmbeddedBundleForm.trees(files);
        assertEquals(parsed, form.trees());
        // manifest, principals, inventory and the nine policies; not the policy tests (the load does not parse them)
        assertEquals(12, form.trees().size(), form.trees().keySet().toString());
        assertTrue(form.trees().keySet().stream().noneMatch(k -> k.startsWith("tests/")));
    }

    @Test
    void treesReadBackEqualTheParsedOnesPositionsAndPointersIncluded() throws Exception {
        BundleFiles files = text();
        Map<String, JsonNode> parsed = EmbeddedBundleForm.trees(files);
        EmbeddedBundleForm.Form back = EmbeddedBundleForm.read(new ByteArrayInputStream(EmbeddedBundleForm.write(files)));
        assertEquals(files, back.files());
        for (Map.Entry<String, JsonNode> e : parsed.entrySet()) {
            assertEquals(e.getValue(), back.trees().get(e.getKey()), e.getKey());
        }
        // equal means every position: a deep value's pointer and column, and a key's own position
        JsonNode.Obj policy = (JsonNode.Obj) back.trees().get("policies/notebook-access-by-owner-userid.json");
        JsonNode first = ((JsonNode.Arr) policy.get("Statement")).items().get(0);
        assertEquals("/Statement/0", first.pointer());
        assertEquals(((JsonNode.Obj) parsed.get("policies/notebook-access-by-owner-userid.json")).member("Statement").keyPosition(),
                policy.member("Statement").keyPosition());
    }

    @Test
    void aBundleLoadedFromTheFormEqualsTheOneLoadedFromTheText() throws Exception {
        Bundle fromForm = EmbeddedBundle.load(EmbeddedBundleForm.read()).result().bundle();
        Bundle fromText = EmbeddedBundle.load(null).result().bundle();
        assertNotNull(fromForm);
        assertNotNull(fromText);
        assertEquals(fromText.revision(), fromForm.revision());
        assertEquals(fromText.account(), fromForm.account());
        assertEquals(fromText.region(), fromForm.region());
        assertEquals(fromText.partition(), fromForm.partition());
        assertEquals(fromText.origin(), fromForm.origin());
        assertEquals(fromText.issued(), fromForm.issued());
        assertEquals(fromText.findings(), fromForm.findings());
        // parsed statements hold matchers that compare by identity (two loads of the same text differ too): their full
        // rendering, every position and the source text included, and the documents' trees compare instead
        assertEquals(fromText.policies().toString(), fromForm.policies().toString());
        assertEquals(fromText.guardrails().toString(), fromForm.guardrails().toString());
        assertEquals(fromText.policies().keySet(), fromForm.policies().keySet());
        fromText.policies().forEach((name, p) -> assertEquals(p.document().root(), fromForm.policies().get(name).document().root(), name));
        assertEquals(fromText.roles(), fromForm.roles());
        assertEquals(fromText.users(), fromForm.users());
        assertEquals(fromText.resourceTags(), fromForm.resourceTags());
        assertEquals(fromText.distinctPlans(), fromForm.distinctPlans());
        assertEquals(fromText.rolePlans().keySet(), fromForm.rolePlans().keySet());
        assertEquals(fromText.userPlans().keySet(), fromForm.userPlans().keySet());
        assertEquals(decisions(fromText), decisions(fromForm));
    }

    /** Every demo principal × a set of actions × every inventoried resource, decided with explanation, as text. */
    static List<String> decisions(Bundle b) {
        List<String> principals = new ArrayList<>();
        b.roles().keySet().stream().sorted().forEach(r -> principals.add("arn:aws:sts::111122223333:assumed-role/" + r + "/alice"));
        b.users().keySet().stream().sorted().forEach(u -> principals.add("arn:aws:iam::111122223333:user/" + u));
        List<String> resources = new ArrayList<>(b.resourceTags().keySet());
        resources.sort(null);
        resources.add("*");
        List<String> out = new ArrayList<>();
        Authorizer authorizer = new Authorizer();
        for (String p : principals) {
            for (String a : List.of("sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:CreatePresignedDomainUrl",
                    "sagemaker:DescribeNotebookInstance", "sagemaker:DeleteNotebookInstance", "ecr:GetAuthorizationToken", "s3:GetObject")) {
                for (String r : resources) {
                    var o = authorizer.authorize(b, new AuthorizeRequest(p, Map.of(), a, r, RequestContext.EMPTY), AT, true);
                    out.add(p + " " + a + " " + r + " -> " + o.result());
                }
            }
        }
        assertTrue(out.stream().anyMatch(s -> s.contains("ALLOW")), "the sample decides something");
        return out;
    }

    @Test
    void aFormThatIsNotOneIsRefusedNotMisread() throws Exception {
        byte[] good = EmbeddedBundleForm.write(text());
        byte[] bad = good.clone();
        bad[0] ^= 1;
        assertThrows(IOException.class, () -> EmbeddedBundleForm.read(new ByteArrayInputStream(bad)));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrows(IOException.class, () -> EmbeddedBundleForm.read(new ByteArrayInputStream(longer)));
        byte[] shorter = java.util.Arrays.copyOf(good, good.length - 1);
        assertThrows(IOException.class, () -> EmbeddedBundleForm.read(new ByteArrayInputStream(shorter)));
    }

    @Test
    void withoutAFormTheEmbeddedBundleLoadsFromItsText() {
        EmbeddedBundle.Prefetched p = EmbeddedBundle.load(null);
        assertTrue(p.result().accepted(), () -> p.result().findings().toString());
        assertEquals("demo-1", p.result().bundle().revision());
        assertNotEquals(List.of(), p.timings());
    }
}
