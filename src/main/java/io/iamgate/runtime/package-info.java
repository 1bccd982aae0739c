/**
 * The sidecar runtime (Quarkus): the bundle lifecycle (BundleHolder: configuration, managed polling and directory watch, per-stage timers, logs), readiness, start-up configuration checks (@ConfigMapping groups and ConfigCheck), trace recording wiring and the audit log. Adapts the engine; holds no decision logic.
 */
package io.iamgate.runtime;
