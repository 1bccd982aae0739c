package io.iamgate.bundle;

import java.util.Locale;

/**
 * The named stages of loading a bundle, in order. Each is timed ({@link StageListener}); the sidecar
 * exports one timer per stage ({@code iamgate_bundle_load_stage_seconds{stage}}).
 */
public enum BundleStage {
    /** {@code iamgate-bundle.yaml}: revision, account, region, partition, issued. */
    MANIFEST,
    /** {@code policies/*.json} and {@code guardrails/*.json}, each parsed on its own (in parallel). */
    POLICIES,
    /** {@code principals.yaml}: roles and users with their attachments. */
    PRINCIPALS,
    /** {@code resources.yaml} or {@code resources.jsonl}: resource tags by ARN. */
    INVENTORY,
    /** Every parsed policy checked against the service reference. */
    VALIDATE,
    /** One plan per distinct attachment list. */
    COMPILE;

    /** The metric label: {@code manifest}, {@code policies}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
