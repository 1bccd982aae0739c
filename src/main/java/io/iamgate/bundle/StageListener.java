package io.iamgate.bundle;

/** Told how long each {@link BundleStage} of a load took (the sidecar records it as a timer). */
@FunctionalInterface
public interface StageListener {
    StageListener NONE = (stage, nanos) -> { };

    void completed(BundleStage stage, long nanos);
}
