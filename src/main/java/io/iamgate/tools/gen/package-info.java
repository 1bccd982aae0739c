/**
 * Tooling, never loaded by the sidecar: synthetic bundles, Zipf-distributed request mixes and generated traces for benchmarks and tests.
 */
package io.iamgate.tools.gen;
