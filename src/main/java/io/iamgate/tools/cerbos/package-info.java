/**
 * Tooling, never loaded by the sidecar: translates trace lines into Cerbos CheckResources requests and reads Cerbos answers, for side-by-side benchmarks.
 */
package io.iamgate.tools.cerbos;
