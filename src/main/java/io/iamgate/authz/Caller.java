package io.iamgate.authz;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.PrincipalDef;
import io.iamgate.compile.CompiledPlan;
import io.iamgate.eval.RequestContext;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is calling, resolved against the bundle (docs/principals-and-context.md): an IAM user
 * ({@code arn:PARTITION:iam::ACCOUNT:user/PATH/NAME}) or an assumed-role session
 * ({@code arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION}, SAML and OIDC federation included),
 * in canonical spelling only; anything else is an unknown caller.
 * {@code derived} holds the context keys iamgate derives for the caller (lower-cased), computed once
 * per caller ARN and memoized on the bundle (a memo bounded in bytes). {@code unknownReason} is set when the bundle does not know
 * the caller.
 */
public record Caller(PrincipalDef def, CompiledPlan plan, Map<String, RequestContext.Entry> derived, String unknownReason)
        implements io.iamgate.memo.Weighed {

    /** Approximate retained bytes: the derived keys and values (the def and plan belong to the bundle). */
    @Override
    public int bytes() {
        int n = 48 + io.iamgate.memo.Memo.bytes(unknownReason);
        for (Map.Entry<String, RequestContext.Entry> e : derived.entrySet()) {
            n += io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(e.getKey()) + io.iamgate.memo.Memo.bytes(e.getValue().key());
            for (String v : e.getValue().values()) {
                n += 8 + io.iamgate.memo.Memo.bytes(v);
            }
        }
        return n;
    }

    public boolean known() {
        return unknownReason == null;
    }

    /** Bytes the caller memo of one bundle may hold (docs/api.md). */
    public static final long MEMO_BYTES = 32L << 20;

    /**
     * What a snapshot's decisions look up, attached to it by identity (a weak key: kept as long as its bundle is
     * referenced, and for at most a few snapshots), so {@link Bundle} needs no reference to this package:
     * <ul>
     *   <li>{@code users}: every IAM user's canonical ARN (the only spelling that resolves), its resolved caller
     *   set on first use; bounded by the bundle, so no memo is needed for users;</li>
     *   <li>{@code resources}: the inventory's tags by resource ARN, found by the reader's String instance;</li>
     *   <li>{@code callers}: every other ARN (role sessions, unknown callers), memoized and bounded in bytes.</li>
     * </ul>
     * {@link #last} answers the common case — every request on the current snapshot — without a hash lookup.
     * The two tables are built off the request path when a snapshot's first decision asks (tens of milliseconds
     * for 10k users and 100k resources, too long for one request to wait); until they are there, decisions use the
     * bundle's map and the memo, which answer the same.
     */
    private static final class Tables {
        final ConcurrentMap<String, Caller> callers;
        volatile ArnTable<Caller> users;
        volatile ArnTable<Map<String, RequestContext.Entry>> resources;
        /** The inventory's tag values, one instance each ({@link TagValues}); null until built. */
        volatile TagValues tagValues;
        /** Each inventoried resource's service, by its index in {@link #resources}; null until built. */
        volatile ResourceServices services;

        Tables(ConcurrentMap<String, Caller> callers) {
            this.callers = callers;
        }

        ConcurrentMap<String, Caller> callers() {
            return callers;
        }

        /** Builds the tables (on the calling thread). */
        Tables build(Bundle bundle) {
            Map<String, Map<String, RequestContext.Entry>> tags = bundle.resourceTags();
            tagValues = TagValues.of(tags.values()); // before the users: a user resolved from the table gets the inventory's instances
            users = new ArnTable<>(userArns(bundle));
            ArnTable<Map<String, RequestContext.Entry>> r = new ArnTable<>(tags);
            services = ResourceServices.of(r);
            resources = r;
            return this;
        }
    }

    private static final com.github.benmanes.caffeine.cache.Cache<Bundle, Tables> MEMOS =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().maximumSize(8).executor(Runnable::run).build();
    private static volatile Last last;

    private record Last(Bundle bundle, Tables tables) {
    }

    private static Tables tables(Bundle bundle) {
        Last m = last;
        if (m != null && m.bundle() == bundle) {
            return m.tables();
        }
        Tables t = MEMOS.get(bundle, b -> {
            Tables n = new Tables(newMemo(MEMO_BYTES));
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> n.build(b)); // off the request path
            return n;
        });
        last = new Last(bundle, t);
        return t;
    }

    /**
     * Each user's canonical ARN: the bundle's partition and account, {@code user} + path + name. None when the
     * bundle names no account (any account then resolves, so a user has no one ARN): those users use the memo.
     */
    private static java.util.List<String> userArns(Bundle bundle) {
        String account = bundle.account();
        if (account == null) {
            return java.util.List.of();
        }
        String partition = bundle.partition() == null ? "aws" : bundle.partition();
        java.util.List<String> arns = new java.util.ArrayList<>(bundle.users().size());
        for (Map.Entry<String, PrincipalDef> u : bundle.users().entrySet()) {
            arns.add("arn:" + partition + ":iam::" + account + ":user" + u.getValue().path() + u.getKey());
        }
        return arns;
    }

    /**
     * Each inventoried resource's service ({@code arn:PARTITION:SERVICE:...}), by the resource's index in the snapshot's
     * inventory table: one byte per resource naming one of at most 255 distinct service Strings. A decision asking a
     * {@code SERVICE:ResourceTag/K} key compares the key with this short, hot String instead of reading the resource ARN's
     * own String (100k resources: a String and its bytes per resource, mostly not in any cache); 100 KB for 100k resources.
     */
    record ResourceServices(byte[] of, String[] names) {
        static ResourceServices of(ArnTable<?> resources) {
            byte[] of = new byte[resources.size()];
            java.util.Map<String, Integer> ids = new java.util.HashMap<>();
            java.util.List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < of.length; i++) {
                String arn = resources.key(i);
                int a = arn.indexOf(':', 4);
                int b = a < 0 ? -1 : arn.indexOf(':', a + 1);
                if (b < 0) {
                    return null; // not an ARN of that shape: decisions read the resource itself
                }
                String service = arn.substring(a + 1, b);
                Integer id = ids.get(service);
                if (id == null) {
                    if (names.size() == 255) {
                        return null; // more services than a byte names: decisions read the resource itself
                    }
                    ids.put(service, id = names.size() + 1);
                    names.add(service);
                }
                of[i] = (byte) (int) id;
            }
            String[] n = new String[names.size() + 1];
            for (int k = 0; k < names.size(); k++) {
                n[k + 1] = names.get(k);
            }
            return new ResourceServices(of, n);
        }
    }

    /**
     * The service of the request's resource when the reader found it in the current snapshot's inventory table (by its
     * index), else null (the layered context then reads it from the resource ARN).
     */
    static String resourceService(AuthorizeRequest req) {
        ArnTable<Map<String, RequestContext.Entry>> table = req.resourceTable();
        int i = req.resourceIndex();
        Last m = last;
        if (table == null || i < 0 || m == null || m.tables().resources != table) {
            return null;
        }
        ResourceServices s = m.tables().services;
        return s == null ? null : s.names()[s.of()[i] & 0xff];
    }

    /** The caller memo of {@code bundle}: resolved callers by ARN (other than its users'), bounded in bytes. */
    public static ConcurrentMap<String, Caller> memo(Bundle bundle) {
        return tables(bundle).callers();
    }

    /** The inventory tags of {@code resource} in {@code bundle} (its {@code resourceTags().get}, in one table read), or null. */
    static Map<String, RequestContext.Entry> resourceTags(Bundle bundle, String resource) {
        ArnTable<Map<String, RequestContext.Entry>> resources = tables(bundle).resources;
        return resources == null ? bundle.resourceTags().get(resource) : resources.get(resource);
    }

    /** The snapshot's inventory table for the request reader (tags by resource ARN), or null until built. */
    static ArnTable<Map<String, RequestContext.Entry>> inventoryTable(Bundle bundle) {
        return tables(bundle).resources;
    }

    /** The snapshot's user table for the request reader (callers by canonical user ARN), or null until built. */
    static ArnTable<Caller> userTable(Bundle bundle) {
        return tables(bundle).users;
    }

    /** Gives {@code bundle} a fresh caller memo of {@code maxBytes} (for tests of the bound). */
    public static ConcurrentMap<String, Caller> newMemo(Bundle bundle, long maxBytes) {
        Tables t = new Tables(newMemo(maxBytes)).build(bundle); // built at once: a test reads them next
        MEMOS.put(bundle, t);
        last = new Last(bundle, t);
        return t.callers();
    }

    private static ConcurrentMap<String, Caller> newMemo(long maxBytes) {
        return io.iamgate.memo.Memo.bounded(maxBytes, (String k, Caller v) -> io.iamgate.memo.Memo.ENTRY + io.iamgate.memo.Memo.bytes(k) + v.bytes());
    }

    /** Resolves (a user from the snapshot's user table; anything else memoized per ARN when there are no session tags). */
    public static Caller resolve(Bundle bundle, String arn, Map<String, String> sessionTags) {
        if (sessionTags != null && !sessionTags.isEmpty()) {
            return compute(bundle, arn, sessionTags, tables(bundle).tagValues);
        }
        Tables t = tables(bundle);
        ArnTable<Caller> users = t.users;
        int slot = users == null ? -1 : users.find(arn);
        if (slot >= 0) { // a user's canonical ARN: resolved once per snapshot, kept in its slot (an immutable record)
            Caller c = users.value(slot);
            if (c == null) {
                c = compute(bundle, arn, null, t.tagValues);
                users.set(slot, c);
            }
            return c;
        }
        return memoized(t, bundle, arn);
    }

    /**
     * {@link #resolve} of an ARN without session tags that the request reader found is not in the snapshot's user table
     * (so not a user's canonical ARN): from the memo, without probing the user table again.
     */
    static Caller resolveNotUser(Bundle bundle, String arn) {
        return memoized(tables(bundle), bundle, arn);
    }

    private static Caller memoized(Tables t, Bundle bundle, String arn) {
        ConcurrentMap<String, Caller> callers = t.callers();
        Caller c = callers.get(arn);
        if (c != null) {
            return c;
        }
        c = compute(bundle, arn, null, t.tagValues);
        callers.putIfAbsent(arn, c); // bounded in bytes
        return c;
    }

    /** A role session name: 2–64 characters of {@code [A-Za-z0-9+=,.@_-]} (STS RoleSessionName). */
    private static final java.util.regex.Pattern SESSION_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9+=,.@_-]{2,64}");

    /**
     * Only canonical spellings resolve (docs/principals-and-context.md): the bundle's partition and account, no region, a user
     * ARN with exactly the user's path, a session ARN of exactly {@code assumed-role/ROLE/SESSION}.
     * Names match the bundle's spelling exactly, case included: IAM compares names ignoring case, but a
     * caller that spells a name differently from principals.yaml is refused, so every accepted ARN is
     * the one canonical ARN and {@code aws:PrincipalArn} has one spelling per principal.
     */
    private static Caller compute(Bundle bundle, String arn, Map<String, String> sessionTags, TagValues canon) {
        String[] p = arn.split(":", 6);
        if (p.length != 6) {
            return unknown("unknown principal: not an ARN: " + arn);
        }
        String partition = p[1];
        String service = p[2];
        String account = p[4];
        String resource = p[5];
        String expectedPartition = bundle.partition() == null ? "aws" : bundle.partition();
        if (!partition.equals(expectedPartition)) {
            return unknown("unknown principal: the partition " + partition + " is not the bundle's partition " + expectedPartition);
        }
        if (!p[3].isEmpty()) {
            return unknown("unknown principal: IAM and STS principal ARNs have no region, got \"" + p[3] + "\"");
        }
        if (bundle.account() != null && !bundle.account().equals(account)) {
            return unknown("unknown principal: the caller's account " + account + " is not the bundle's account " + bundle.account());
        }
        if (!(account.length() == 12 && account.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            return unknown("unknown principal: an account id is 12 digits, not \"" + account + "\"");
        }
        if (service.equals("iam") && resource.startsWith("user/")) {
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            PrincipalDef def = bundle.users().get(name);
            if (def == null) {
                return unknown("unknown principal: the bundle has no IAM user \"" + name + "\"");
            }
            if (!resource.equals("user" + def.path() + name)) {
                return unknown("unknown principal: the IAM user \"" + name + "\" has the ARN arn:" + expectedPartition + ":iam::" + account
                        + ":user" + def.path() + name + ", not " + arn);
            }
            return known(def, bundle.userPlans().get(name), def.id(), name, arn, account, "User", sessionTags, canon);
        }
        if (service.equals("sts") && resource.startsWith("assumed-role/")) {
            String[] parts = resource.split("/", -1);
            if (parts.length != 3 || parts[1].isEmpty()) {
                return unknown("unknown principal: a role session ARN is exactly arn:" + expectedPartition + ":sts::ACCOUNT:assumed-role/ROLE/SESSION");
            }
            String roleName = parts[1];
            String session = parts[2];
            if (!SESSION_NAME.matcher(session).matches()) {
                return unknown("unknown principal: a role session name is 2-64 characters of [A-Za-z0-9+=,.@_-]");
            }
            PrincipalDef def = bundle.roles().get(roleName);
            if (def == null) {
                return unknown("unknown principal: the bundle has no role \"" + roleName + "\"");
            }
            return known(def, bundle.rolePlans().get(roleName), def.id() + ":" + session, null,
                    "arn:" + partition + ":iam::" + account + ":role" + def.path() + roleName, account, "AssumedRole", sessionTags, canon);
        }
        return unknown("unknown principal: only IAM users (arn:" + expectedPartition + ":iam::ACCOUNT:user/PATH/NAME) and assumed-role sessions "
                + "(arn:" + expectedPartition + ":sts::ACCOUNT:assumed-role/ROLE/SESSION) call; got " + arn);
    }

    /** The derived keys every known caller has (lower-cased, interned); principal tags come on top ({@link #PRINCIPAL_TAG}). */
    private static final java.util.Set<String> DERIVED = java.util.Set.of("aws:userid", "aws:username", "aws:principalarn",
            "aws:principalaccount", "aws:principaltype", "aws:principalisawsservice");
    private static final String PRINCIPAL_TAG = "aws:principaltag/";

    /**
     * Whether a caller's {@link #derived} keys can hold {@code lowerKey}: the keys {@link #known} derives, and principal
     * tags. The layered context does not probe the derived keys for any other key (a cold map read per key saved).
     */
    static boolean mayDerive(String lowerKey) {
        return lowerKey.startsWith(PRINCIPAL_TAG) || DERIVED.contains(lowerKey);
    }

    private static Caller known(PrincipalDef def, CompiledPlan plan, String userid, String username, String principalArn, String account,
                                String type, Map<String, String> sessionTags, TagValues canon) {
        Map<String, RequestContext.Entry> d = new HashMap<>();
        // values an owner condition compares with a resource's tag (${aws:userid}, ${aws:PrincipalTag/owner}, ...) are the
        // inventory's own instances when it holds an equal value: an equal pair then compares by identity, its characters unread
        d.put("aws:userid", RequestContext.entry("aws:userid", TagValues.canonical(canon, userid)));
        if (username != null) {
            d.put("aws:username", RequestContext.entry("aws:username", TagValues.canonical(canon, username)));
        }
        d.put("aws:principalarn", RequestContext.entry("aws:PrincipalArn", principalArn));
        d.put("aws:principalaccount", RequestContext.entry("aws:PrincipalAccount", account));
        d.put("aws:principaltype", RequestContext.entry("aws:PrincipalType", type));
        // present in every signed request, false for IAM users and role sessions (IAM User Guide, global condition keys)
        d.put("aws:principalisawsservice", RequestContext.entry("aws:PrincipalIsAWSService", "false"));
        // a principal tag's key interned, as policy keys are (Condition, Template): the plan's lookup then finds it by identity
        def.tags().forEach((k, v) -> d.put((PRINCIPAL_TAG + k.toLowerCase(Locale.ROOT)).intern(),
                RequestContext.entry("aws:PrincipalTag/" + k, TagValues.canonical(canon, v))));
        if (sessionTags != null) {
            sessionTags.forEach((k, v) -> d.put((PRINCIPAL_TAG + k.toLowerCase(Locale.ROOT)).intern(),
                    RequestContext.entry("aws:PrincipalTag/" + k, TagValues.canonical(canon, v))));
        }
        return new Caller(def, plan, Map.copyOf(d), null);
    }

    private static Caller unknown(String reason) {
        return new Caller(null, null, Map.of(), reason);
    }
}
