/**
 * Matching primitives the compiled plans use: step-bounded wildcard globs, ARN matching by segment, and edit distance for did-you-mean hints. Framework-free.
 */
package io.iamgate.match;
