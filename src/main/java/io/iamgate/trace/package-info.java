/**
 * Trace recording, part of the sidecar: the trace line format (TraceLine), the sampled asynchronous recorder (TraceRecorder) and the rotating file sink. Replay and generation are tools (io.iamgate.tools). Framework-free.
 */
package io.iamgate.trace;
