package io.iamgate.validate;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The types of context keys a request's values are checked against (a wrongly typed value is a 400). Global
 * {@code aws:} keys have their fixed types. A service key ({@code sagemaker:VolumeKmsKey}) is typed by the AWS
 * service reference — but on the decision path only when the bundle's policies name it: each bundle snapshot carries
 * its own table ({@code Bundle.keyTypes()}, built by the loader's compile stage from the keys its policies name), so
 * deciding never reads the 3.6 MB service reference, and nothing outlives the snapshot. A bundle validated at build
 * time (the embedded demo bundle) resolves a named key on first use instead, so its start does not read the reference
 * either. A service key no policy names cannot change a decision and needs no check beyond the generic input limits.
 * {@link #REFERENCE} types every service key the reference knows (for tools and for reading a request without a bundle).
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

    /** No service key typed: global keys only (a bundle whose policies name no service key). */
    public static final KeyTypes GLOBAL_ONLY = new KeyTypes() {
        @Override
        KeyType service(String lowerKey, int colon) {
            return null;
        }
    };

    KeyTypes() {
    }

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
     * The table of one bundle snapshot: the service keys ({@code service:key}, lower case) its policies name, typed by
     * the service reference — all of them now when {@code resolveNow} (where a bundle is loaded and validated, the
     * validator having read the reference already), else each on its first use (a bundle validated at build time).
     */
    public static KeyTypes named(Set<String> lowerKeys, boolean resolveNow) {
        if (lowerKeys.isEmpty()) {
            return GLOBAL_ONLY;
        }
        Named n = new Named(Set.copyOf(lowerKeys));
        if (resolveNow) {
            for (String k : n.named) {
                n.service(k, k.indexOf(':'));
            }
        }
        return n;
    }

    /** The service keys one bundle's policies name, typed on first use at the latest; a key they do not name is never looked up. */
    private static final class Named extends KeyTypes {
        private final Set<String> named;
        private final ConcurrentMap<String, Optional<KeyType>> types = new ConcurrentHashMap<>();

        Named(Set<String> named) {
            this.named = named;
        }

        @Override
        KeyType service(String lowerKey, int colon) {
            if (!named.contains(lowerKey)) {
                return null;
            }
            Optional<KeyType> t = types.get(lowerKey);
            if (t == null) {
                t = types.computeIfAbsent(lowerKey, k -> Optional.ofNullable(REFERENCE.type(k)));
            }
            return t.orElse(null);
        }
    }
}
