package io.iamgate.bundle;

import io.iamgate.json.JsonNode;
import io.iamgate.json.JsonSyntaxException;
import io.iamgate.json.JsonTreeCodec;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded demo bundle parsed when the jar is built: its files' texts and the parse trees of the files the load
 * parses (manifest, principals, inventory, policies), in one resource, {@value #RESOURCE}. The JVM sidecar's first load
 * ({@link EmbeddedBundle#prefetch}) reads it instead of opening each file and running the YAML and JSON parsers, so
 * start-up runs no Jackson or SnakeYAML code (nor {@code BigDecimal}'s initializer, which Jackson's parser base class
 * triggers). Everything after parsing — principals, inventory, compilation, findings — runs as for any bundle, on the
 * same trees: {@code EmbeddedBundleFormTest} proves the trees equal to the parsed ones and the loaded bundles equal.
 *
 * <p>Written by {@link #main} in the build ({@code process-classes}, {@code pom.xml}); a jar without it (an IDE run) loads
 * the demo bundle from its text as before. The native executable does not need it: its demo bundle is loaded while the
 * image is built ({@link EmbeddedBundle}).
 */
public final class EmbeddedBundleForm {
    /** The resource, next to {@code demo-bundle/} in the jar. */
    public static final String RESOURCE = "demo-bundle.form";
    private static final int MAGIC = 0x49474631; // "IGF1"

    /** The bundle's files and the trees of those the load parses. */
    record Form(BundleFiles files, Map<String, JsonNode> trees) {
    }

    private EmbeddedBundleForm() {
    }

    /** Writes {@value #RESOURCE} into the directory {@code args[0]} (the build's {@code target/classes}). */
    public static void main(String[] args) throws Exception {
        BundleFiles files = BundleSource.of(EmbeddedBundle.LOCATION, BundleLimits.DEFAULT).read(BundleLimits.DEFAULT);
        Files.write(Path.of(args[0]).resolve(RESOURCE), write(files));
    }

    /**
     * The trees the load would parse from {@code files}, each as its stage parses it. A file that does not parse fails
     * the build: the demo bundle is clean ({@code BundleLoaderTest}).
     */
    static Map<String, JsonNode> trees(BundleFiles files) throws JsonSyntaxException {
        LoadContext cx = new LoadContext(files);
        Map<String, JsonNode> trees = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            String path = f.getKey();
            if (path.equals(BundleLoader.MANIFEST) || path.equals(BundleLoader.PRINCIPALS)) {
                trees.put(path, cx.yamlTree(f.getValue()));          // LoadContext.yamlObject
            } else if (path.equals(InventoryStage.YAML)) {
                trees.put(path, cx.yaml().parse(f.getValue()));      // InventoryStage.yaml
            } else if (PolicyStage.isPolicy(path)) {
                trees.put(path, cx.json().parse(f.getValue(), ""));  // PolicyParser.parseText(text, "")
            }
        }
        return trees;
    }

    static byte[] write(BundleFiles files) throws IOException, JsonSyntaxException {
        Map<String, JsonNode> trees = trees(files);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            JsonTreeCodec.writeString(out, files.origin());
            out.writeInt(files.files().size());
            for (Map.Entry<String, String> f : files.files().entrySet()) {
                JsonTreeCodec.writeString(out, f.getKey());
                JsonTreeCodec.writeString(out, f.getValue());
                JsonNode tree = trees.get(f.getKey());
                out.writeBoolean(tree != null);
                if (tree != null) {
                    JsonTreeCodec.write(out, tree);
                }
            }
        }
        return bytes.toByteArray();
    }

    /** The form in the jar; null when the jar has none. A form that cannot be read is an {@link UncheckedIOException}. */
    static Form read() {
        try (InputStream in = EmbeddedBundleForm.class.getResourceAsStream("/" + RESOURCE)) {
            return in == null ? null : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
        }
    }

    static Form read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 16384));
        if (in.readInt() != MAGIC) {
            throw new IOException(RESOURCE + " is not an embedded bundle form");
        }
        String origin = JsonTreeCodec.readString(in);
        int n = in.readInt();
        Map<String, String> files = new HashMap<>();
        Map<String, JsonNode> trees = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String path = JsonTreeCodec.readString(in);
            files.put(path, JsonTreeCodec.readString(in));
            if (in.readBoolean()) {
                trees.put(path, JsonTreeCodec.read(in, ""));
            }
        }
        if (in.read() != -1) {
            throw new IOException(RESOURCE + " has trailing bytes");
        }
        return new Form(new BundleFiles(origin, files), Map.copyOf(trees));
    }
}
