/**
 * Tooling, never loaded by the sidecar: replays a recorded trace against a running sidecar (open or closed loop, raw-socket HTTP client, HdrHistogram latencies) and computes the blast radius of a bundle change.
 */
package io.iamgate.tools.replay;
