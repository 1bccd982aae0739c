package io.iamgate.bundle;

import io.iamgate.json.StringTable;

import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonNode;
import io.iamgate.json.Position;
import io.iamgate.policy.Finding;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.Severity;
import io.iamgate.validate.PolicyValidator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Turns a bundle's files into a {@link Bundle} through the declared {@link BundleStage}s: manifest →
 * policies (parsed) → principals (every attached policy must exist) → inventory → validate → compile,
 * each timed and reported to a {@link StageListener}. Anything that cannot be evaluated refuses the
 * whole bundle with every finding listed (file, line, column); other findings are kept on the bundle,
 * and refuse it only when {@code strict} and of severity ERROR. Each stage is its own class; this one
 * only orchestrates.
 */
public final class BundleLoader {

    public static final String MANIFEST = "iamgate-bundle.yaml";
    public static final String PRINCIPALS = "principals.yaml";

    /**
     * The validator "supplier" of a bundle whose validation ran when the jar was built: the embedded demo bundle
     * (its content and the service reference are both in the jar; {@code BundleLoaderTest} validates it in full and
     * requires zero findings). Its load skips the validation checks, and never loads the service reference; parsing,
     * principals, inventory and compiling, and their blocking findings, run as for any bundle.
     */
    public static final Supplier<PolicyValidator> VALIDATED_AT_BUILD_TIME = () -> {
        throw new IllegalStateException("a bundle validated at build time has no validator");
    };

    private final Supplier<PolicyValidator> validatorSupplier;
    private final boolean strict;
    private final StageListener listener;
    private final BundleLimits limits;

    public BundleLoader(PolicyValidator validator, boolean strict) {
        this(() -> validator, strict);
    }

    /**
     * With a supplier, the validator (and the service reference it loads, ~0.5 s the first time) is
     * built on another thread while the bundle's files are read and parsed.
     */
    public BundleLoader(Supplier<PolicyValidator> validator, boolean strict) {
        this(validator, strict, StageListener.NONE);
    }

    public BundleLoader(Supplier<PolicyValidator> validator, boolean strict, StageListener listener) {
        this(validator, strict, listener, BundleLimits.DEFAULT);
    }

    /** {@code limits}: the policy-size limits of {@link BundleLimits} (the byte limits applied when the files were read). */
    public BundleLoader(Supplier<PolicyValidator> validator, boolean strict, StageListener listener, BundleLimits limits) {
        this.validatorSupplier = validator;
        this.strict = strict;
        this.listener = listener;
        this.limits = limits;
    }

    public LoadResult load(BundleSource source) {
        CompletableFuture<PolicyValidator> v = validator();
        BundleFiles files;
        try {
            files = source.read(limits);
        } catch (BundleException e) {
            FileFinding f = new FileFinding(source.describe(), Finding.of(IssueCode.BUNDLE_UNREADABLE, e.getMessage(), new Position(0, 0, ""), null));
            return new LoadResult(null, List.of(f), e.getMessage());
        }
        return load(files, v, Map.of());
    }

    public LoadResult load(BundleFiles files) {
        return load(files, validator(), Map.of());
    }

    /**
     * {@code files} with some of them already parsed ({@code trees} by path, the embedded bundle's {@link EmbeddedBundleForm}):
     * the stages read those trees instead of parsing the texts; everything else is as for {@link #load(BundleFiles)}.
     */
    LoadResult load(BundleFiles files, Map<String, JsonNode> trees) {
        return load(files, validator(), trees);
    }

    /** Built on another thread while the files are read and parsed; none for a bundle validated at build time. */
    private CompletableFuture<PolicyValidator> validator() {
        return validatorSupplier == VALIDATED_AT_BUILD_TIME ? null : CompletableFuture.supplyAsync(validatorSupplier);
    }

    private LoadResult load(BundleFiles files, CompletableFuture<PolicyValidator> validator, Map<String, JsonNode> trees) {
        LoadContext cx = new LoadContext(files, limits, trees);
        Bundle bundle = build(cx, validator);
        List<FileFinding> findings = List.copyOf(cx.findings);
        long blocking = findings.stream().filter(f -> f.finding().blocking()).count();
        long errors = findings.stream().filter(f -> f.finding().severity() == Severity.ERROR).count();
        if (blocking > 0) {
            return new LoadResult(null, findings, "refused: " + blocking + " finding(s) make the bundle impossible to evaluate");
        }
        if (strict && errors > 0) {
            return new LoadResult(null, findings, "refused (iamgate.bundle.strict=true): " + errors + " ERROR finding(s)");
        }
        return new LoadResult(bundle, findings, null);
    }

    private Bundle build(LoadContext cx, CompletableFuture<PolicyValidator> validator) {
        Map<String, String> manifest = timed(BundleStage.MANIFEST, () -> ManifestStage.read(cx));
        PolicyStage.Policies parsed = timed(BundleStage.POLICIES, () -> PolicyStage.read(cx));
        PrincipalStage.Principals principals = timed(BundleStage.PRINCIPALS,
                () -> PrincipalStage.read(cx, parsed.policies().keySet(), parsed.unparsed()));
        Map<String, Map<String, RequestContext.Entry>> resources = timed(BundleStage.INVENTORY, () -> InventoryStage.read(cx));
        ValidateStage.Validated validated = timed(BundleStage.VALIDATE,
                () -> ValidateStage.run(cx, parsed, principals, validator == null ? null : validator.join()));
        if (cx.blocked()) {
            return null;
        }
        CompileStage.Plans plans = timed(BundleStage.COMPILE, () -> CompileStage.run(principals, validated, validator != null));
        String revision = manifest.containsKey("revision") ? manifest.get("revision") : BundleSignatures.contentRevision(cx.files.files());
        return new Bundle(revision, manifest.get("account"), manifest.get("region"), cx.files.origin(), Instant.now(),
                Collections.unmodifiableMap(validated.policies()), List.copyOf(validated.guardrails()), Collections.unmodifiableMap(principals.roles()),
                Collections.unmodifiableMap(principals.users()), Collections.unmodifiableMap(plans.roles()), Collections.unmodifiableMap(plans.users()),
                plans.distinct(), Collections.unmodifiableMap(resources), List.copyOf(cx.findings),
                manifest.getOrDefault("partition", "aws"), Bundle.nextGeneration(),
                manifest.containsKey("issued") ? OffsetDateTime.parse(manifest.get("issued")).toInstant() : null, plans.keyTypes(),
                new StringTable(resources.keySet()));
    }

    private <T> T timed(BundleStage stage, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            listener.completed(stage, System.nanoTime() - t0);
        }
    }
}
