package io.iamgate.attack;

import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleLoader;
import io.iamgate.bundle.LoadResult;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeParser;
import io.iamgate.validate.PolicyValidator;
import io.iamgate.validate.ServiceReference;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bundle YAML was read by Jackson, which does not expand aliases: {@code owner: *bob} loaded as the owner tag
 * {@code "bob"} (the anchor's name) while every other YAML tool — the reviewer's, {@code yq}, PyYAML — reads the
 * anchored value. A bundle reviewed as "bob owns bob-nb" could load as "alice owns it" (an alias may be named
 * {@code *AROADS:alice}), silently and without a finding. The same for a merge key ({@code <<: *base}, a key
 * {@code "<<"}) and explicit tags ({@code !custom x}, read as {@code x}). Such YAML now refuses the bundle with a
 * YAML_SYNTAX_ERROR at the alias, anchor or tag, in every file read as YAML (manifest, principals, resources, tests).
 */
class YamlAliasAttackTest {
    static final PolicyValidator V = new PolicyValidator(ServiceReference.get());
    static final String OWNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sagemaker:CreatePresignedNotebookInstanceUrl\","
            + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"sagemaker:ResourceTag/owner\":\"${aws:userid}\"}}}]}";

    static Map<String, String> bundle(String manifest, String principals, String resources) {
        Map<String, String> files = new HashMap<>();
        files.put("iamgate-bundle.yaml", manifest);
        files.put("policies/owner.json", OWNER);
        files.put("principals.yaml", principals);
        files.put("resources.yaml", resources);
        return files;
    }

    static final String MANIFEST = "revision: r\naccount: \"111122223333\"\nregion: us-east-1\n";
    static final String PRINCIPALS = "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner]\n";
    static final String NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/";

    static LoadResult load(Map<String, String> files) {
        return new BundleLoader(V, false).load(new BundleFiles("test", files));
    }

    static void refusedAt(Map<String, String> files, String file, String word) {
        refusedAt(files, file, "YAML_SYNTAX_ERROR", word);
    }

    static void refusedAt(Map<String, String> files, String file, String code, String word) {
        LoadResult r = load(files);
        assertFalse(r.accepted(), () -> file + " was read as " + (r.bundle() == null ? "?" : r.bundle().resourceTags()));
        assertTrue(r.findings().stream().anyMatch(f -> f.file().equals(file) && f.finding().blocking()
                && f.finding().code().equals(code) && f.finding().message().contains(word)), r.findings()::toString);
    }

    @Test
    void anAliasedOwnerTagRefusesTheBundleInsteadOfLoadingTheAnchorsName() {
        // YAML: both notebooks are bob's. Read with the alias as a string, c's owner would be "alice" (the anchor's
        // name), and the owner-by-principal-tag policy would let the user alice open it.
        String principals = "users:\n  - name: alice\n    id: AIDAALICE\n    policies: [tagged]\n    tags: {owner: alice}\n"
                + "  - name: bob\n    id: AIDABOB\n    policies: [tagged]\n    tags: {owner: bob}\n";
        String resources = "- arn: " + NB + "b\n  tags:\n    owner: &alice bob\n"
                + "- arn: " + NB + "c\n  tags:\n    owner: *alice\n";
        Map<String, String> files = bundle(MANIFEST, principals, resources);
        files.put("policies/tagged.json", OWNER.replace("${aws:userid}", "${aws:PrincipalTag/owner}"));
        refusedAt(files, "resources.yaml", "alias *alice");
    }

    @Test
    void mergeKeysAnchorsAndTagsAreRefusedInEveryYamlFile() {
        String ok = "- arn: " + NB + "b\n  tags: {owner: \"AROADS:bob\"}\n";
        assertTrue(load(bundle(MANIFEST, PRINCIPALS, ok)).accepted(), "the baseline loads");
        // a merge key: PyYAML gives c bob's tags, Jackson read one tag "<<" = "t" (no owner)
        refusedAt(bundle(MANIFEST, PRINCIPALS, "- arn: " + NB + "b\n  tags: &t\n    owner: \"AROADS:bob\"\n- arn: " + NB + "c\n  tags:\n    <<: *t\n"),
                "resources.yaml", "YAML");
        refusedAt(bundle(MANIFEST, "roles:\n  - &r\n    name: DS\n    id: AROADS\n    policies: [owner]\n    tags: {team: ml}\n", ok), "principals.yaml", "anchor &r");
        refusedAt(bundle(MANIFEST, PRINCIPALS, "- arn: " + NB + "b\n  tags: &t {owner: \"AROADS:bob\"}\n"), "resources.yaml", "anchor");
        refusedAt(bundle(MANIFEST, PRINCIPALS, "- arn: " + NB + "b\n  tags: {owner: !secret \"AROADS:bob\"}\n"), "resources.yaml", "tag");
        refusedAt(bundle("revision: &r r\naccount: \"111122223333\"\nregion: *r\n", PRINCIPALS, ok), "iamgate-bundle.yaml", "alias");
        // !!str means what the plain reading means: taken
        LoadResult str = load(bundle(MANIFEST, PRINCIPALS, "- arn: " + NB + "b\n  tags: {owner: !!str \"AROADS:bob\"}\n"));
        assertTrue(str.accepted(), str.findings()::toString);
        assertEquals("AROADS:bob", str.bundle().resourceTags().get(NB + "b").get("owner").values().get(0));
    }

    @Test
    void theTreeParserRefusesAliasesWhereverTheyStand() {
        JsonTreeParser yaml = JsonTreeParser.yaml();
        for (String text : new String[] {"a: &x 1\nb: *x\n", "- &x {k: v}\n- *x\n", "? *x\n: v\n", "a: !!binary aGk=\n", "a: !!int \"12\"\n"}) {
            assertThrows(JsonSyntaxException.class, () -> yaml.parse(text), text);
        }
    }

    /** An unquoted tag value YAML tools read as another value ({@code 0123}: 123 or 83) is refused; plain ones load as written. */
    @Test
    void tagValuesWithMoreThanOneReadingAreRefused() {
        for (String v : new String[] {"0123", "1_000", "0x1F", "1e3", ".inf", "yes", "On", "No", "True"}) {
            refusedAt(bundle(MANIFEST, PRINCIPALS, "- arn: " + NB + "b\n  tags: {owner: " + v + "}\n"), "resources.yaml", "INVALID_TYPE", "quote it");
        }
        refusedAt(bundle(MANIFEST, "roles:\n  - name: DS\n    id: AROADS\n    policies: [owner]\n    tags: {cost: 0777}\n",
                "- arn: " + NB + "b\n  tags: {owner: \"AROADS:bob\"}\n"), "principals.yaml", "INVALID_TYPE", "quote it");
        LoadResult plain = load(bundle(MANIFEST, PRINCIPALS, "- arn: " + NB + "b\n  tags: {owner: \"0123\", cost: 12345, on: true, n: -7, z: 0}\n"));
        assertTrue(plain.accepted(), plain.findings()::toString);
        assertEquals("0123", plain.bundle().resourceTags().get(NB + "b").get("owner").values().get(0));
        assertEquals("12345", plain.bundle().resourceTags().get(NB + "b").get("cost").values().get(0));
    }
}
