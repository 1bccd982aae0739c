package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.eval.NamedPolicy;
import io.iamgate.policy.Condition;
import io.iamgate.policy.Statement;
import io.iamgate.validate.GlobalKeys;
import io.iamgate.validate.KeyType;
import io.iamgate.validate.ServiceReference;

import java.util.HashSet;
import java.util.Set;

/**
 * The types of context keys a request's values are checked against (a wrongly typed value is a 400). Global
 * {@code aws:} keys have their fixed types. A service key ({@code sagemaker:VolumeKmsKey}) is typed by the AWS
 * service reference — but on the decision path only when the bundle's policies name it: {@link #prepare} resolves
 * those keys once per bundle snapshot when it is loaded, so deciding never reads the 3.6 MB service reference
 * (the embedded demo bundle, validated at build time, resolves a named key on first use instead, so its start
 * does not read the reference either). A service key no policy names cannot change a decision and needs no check beyond the
 * generic input limits. {@link #REFERENCE} types every service key the reference knows (for tools and for
 * reading a request without a bundle).
 */
public abstract class KeyTypes {

    /** Every key the service reference types (reads the reference on first use of a service key). */
    public static final KeyTypes REFERENCE = new KeyTypes() {
        @Override
        KeyType service(String lowerKey, int colon) {
            ServiceReference.Service s = ServiceReference.get().service(lowerKey.substring(0, colon));
            return s == null ? null : s.keyType(lowerKey);
        }
    };

    /** The type of a context key (lower case), or null when it has none to check (then any value is a string). */
    public final KeyType type(String lowerKey) {
        KeyType t = GlobalKeys.type(lowerKey);
        if (t != null || lowerKey.startsWith("aws:")) {
            return t;
        }
        int colon = lowerKey.indexOf(':');
        return colon <= 0 ? null : service(lowerKey, colon);
    }

    abstract KeyType service(String lowerKey, int colon);

    /**
     * The service keys one bundle's policies name. Their types come from the service reference: all at once in
     * {@link #prepare} (where the bundle was loaded, the validator having read the reference already), or one key
     * at a time on first use for a bundle validated at build time (the embedded demo bundle, whose start does not
     * read the reference). A key the policies do not name is never looked up.
     */
    private static final class Named extends KeyTypes {
        private final java.util.Set<String> named;
        private final java.util.concurrent.ConcurrentMap<String, java.util.Optional<KeyType>> types = new java.util.concurrent.ConcurrentHashMap<>();

        Named(java.util.Set<String> named) {
            this.named = named;
        }

        @Override
        KeyType service(String lowerKey, int colon) {
            if (!named.contains(lowerKey)) {
                return null;
            }
            return types.computeIfAbsent(lowerKey, k -> java.util.Optional.ofNullable(REFERENCE.type(k))).orElse(null);
        }

        void resolveAll() {
            for (String k : named) {
                service(k, k.indexOf(':'));
            }
        }
    }

    private static final com.github.benmanes.caffeine.cache.Cache<Bundle, KeyTypes> BY_BUNDLE =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().maximumSize(8).executor(Runnable::run).build();
    private static volatile Last last;

    private record Last(Bundle bundle, KeyTypes types) {
    }

    /** The key types of {@code bundle}'s snapshot: computed once per snapshot ({@link #prepare} does it at load). */
    public static KeyTypes of(Bundle bundle) {
        Last l = last;
        if (l != null && l.bundle() == bundle) {
            return l.types();
        }
        KeyTypes t = BY_BUNDLE.get(bundle, KeyTypes::named);
        last = new Last(bundle, t);
        return t;
    }

    /**
     * Resolves the types of the service keys {@code bundle}'s policies name, now (where a snapshot is loaded, off the
     * request path), so no decision on it reads the service reference.
     */
    public static void prepare(Bundle bundle) {
        ((Named) of(bundle)).resolveAll();
    }

    private static KeyTypes named(Bundle bundle) {
        Set<String> keys = new HashSet<>();
        for (NamedPolicy p : bundle.policies().values()) {
            add(p, keys);
        }
        for (NamedPolicy p : bundle.guardrails()) {
            add(p, keys);
        }
        return new Named(Set.copyOf(keys));
    }

    private static void add(NamedPolicy p, Set<String> keys) {
        if (p.document() == null) {
            return;
        }
        for (Statement s : p.document().statements()) {
            if (s.conditions() == null) {
                continue;
            }
            for (Condition c : s.conditions()) {
                String k = c.lowerKey();
                if (k != null && !k.startsWith("aws:") && k.indexOf(':') > 0) {
                    keys.add(k);
                }
            }
        }
    }
}
