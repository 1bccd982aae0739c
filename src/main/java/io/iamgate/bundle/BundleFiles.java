package io.iamgate.bundle;

import java.util.Map;
import java.util.TreeMap;

/** The text files of a bundle by relative path ({@code policies/x.json}), and where they came from. */
public record BundleFiles(String origin, Map<String, String> files) {
    public BundleFiles {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }
}
