package io.iamgate.bundle;

import java.util.List;

/** The outcome of loading: the bundle, or null when refused; every finding either way. */
public record LoadResult(Bundle bundle, List<FileFinding> findings, String refusal) {
    public boolean accepted() {
        return bundle != null;
    }
}
