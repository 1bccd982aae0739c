package io.iamgate.bundle;

import io.iamgate.json.JsonNode;
import io.iamgate.policy.IssueCode;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@link BundleStage#MANIFEST}: {@code iamgate-bundle.yaml} into its known fields, each checked. */
final class ManifestStage {
    private static final Set<String> FIELDS = Set.of("revision", "account", "region", "partition", "issued");

    private ManifestStage() {
    }

    static Map<String, String> read(LoadContext cx) {
        Map<String, String> m = new HashMap<>();
        String text = cx.file(BundleLoader.MANIFEST);
        if (text == null) {
            return m;
        }
        JsonNode.Obj o = cx.yamlObject(BundleLoader.MANIFEST, text);
        if (o == null) {
            return m;
        }
        for (JsonNode.Member mem : o.members()) {
            if (!FIELDS.contains(mem.key())) {
                cx.warn(BundleLoader.MANIFEST, IssueCode.UNKNOWN_MANIFEST_FIELD, "unknown manifest field \"" + mem.key() + "\"", mem.keyPosition(),
                        "The manifest has revision, account, region, partition and issued.");
                continue;
            }
            if (!(mem.value() instanceof JsonNode.Scalar sc)) {
                cx.error(BundleLoader.MANIFEST, IssueCode.INVALID_TYPE, mem.key() + " must be a single value", mem.value().position(), null);
                continue;
            }
            String v = sc.text();
            if (mem.key().equals("account") && !(v.length() == 12 && v.chars().allMatch(Character::isDigit))) {
                cx.error(BundleLoader.MANIFEST, IssueCode.INVALID_ACCOUNT, "account must be 12 digits, not \"" + v + "\"", sc.position(),
                        "Quote it in YAML: account: \"111122223333\".");
                continue;
            }
            if (mem.key().equals("partition") && !v.matches("aws(-[a-z]+)*")) {
                cx.error(BundleLoader.MANIFEST, IssueCode.INVALID_PARTITION,
                        "partition must be an AWS partition such as aws, aws-cn or aws-us-gov, not \"" + v + "\"", sc.position(), null);
                continue;
            }
            if (mem.key().equals("issued") && !isoTime(v)) {
                cx.error(BundleLoader.MANIFEST, IssueCode.INVALID_ISSUED, "issued must be an ISO 8601 date-time with an offset, such as 2026-11-29T06:00:00Z",
                        sc.position(), "iamgate sign writes it.");
                continue;
            }
            m.put(mem.key(), v);
        }
        return m;
    }

    private static boolean isoTime(String v) {
        try {
            java.time.OffsetDateTime.parse(v);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
