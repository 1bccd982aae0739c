package io.iamgate.match;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArnMatcherTest {
    static boolean m(String pattern, String value) {
        return ArnMatcher.matches(WildcardPattern.compile(pattern), value);
    }

    @Test
    void segmentBySegment() {
        assertTrue(m("arn:aws:sagemaker:*:111122223333:notebook-instance/*", "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a"));
        assertFalse(m("arn:aws:sagemaker:*:111122223333:notebook-instance/*", "arn:aws:sagemaker:us-east-1:999999999999:notebook-instance/a"));
        // a wildcard in the region cannot run into the account
        assertFalse(m("arn:aws:sagemaker:us-*:notebook-instance/a:x:y", "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/a"));
        // the resource part may contain colons and slashes
        assertTrue(m("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c"));
        assertFalse(m("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a"));
    }

    @Test
    void starResourceOnlyMatchedByLoneStar() {
        assertTrue(m("*", "*"));
        assertFalse(m("arn:aws:sagemaker:*:*:*", "*"));
        assertFalse(m("arn:*", "*"));
        assertTrue(m("*", "arn:aws:s3:::x"));
    }

    @Test
    void shortPatternsMatchAsWholeGlob() {
        assertTrue(m("arn:aws:s3:::*", "arn:aws:s3:::b"));
        assertTrue(m("arn:aws:*", "arn:aws:sagemaker:us-east-1:1:x"));
    }
}
