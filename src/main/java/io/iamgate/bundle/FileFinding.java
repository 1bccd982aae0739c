package io.iamgate.bundle;

import io.iamgate.policy.Finding;

/** A finding and the bundle file it is about. */
public record FileFinding(String file, Finding finding) {
    public String format() {
        return file + ":" + finding.format();
    }
}
