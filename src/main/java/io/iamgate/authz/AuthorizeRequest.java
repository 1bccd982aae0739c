package io.iamgate.authz;

import io.iamgate.eval.RequestContext;

import java.util.Map;
import java.util.Objects;

/**
 * A parsed authorize call: caller ARN, session tags, action, resource, and the caller's context keys.
 *
 * <p>Immutable in use, with one exception kept inside this package: the byte tier of {@link RequestReader}
 * reads each body of a thread into that thread's one <em>scratch</em> request (and scratch context), so a
 * decision allocates no request object. A scratch request is valid only until its thread reads the next
 * body; {@link #owned} makes a copy to keep (the decision cache, a logged decision). Equality is by value,
 * as for a record.
 */
public final class AuthorizeRequest {
    private String principalArn;
    private Map<String, String> sessionTags;
    private String action;
    private String resource;
    private RequestContext context;
    private final boolean scratch;
    /** A scratch request's read count: changes when its thread starts reading the next body. */
    private long generation;

    public AuthorizeRequest(String principalArn, Map<String, String> sessionTags, String action, String resource, RequestContext context) {
        this.principalArn = principalArn;
        this.sessionTags = sessionTags;
        this.action = action;
        this.resource = resource;
        this.context = context;
        this.scratch = false;
    }

    private AuthorizeRequest() {
        this.scratch = true;
    }

    /** A thread's scratch request (for {@link RequestReader} only). */
    static AuthorizeRequest scratch() {
        return new AuthorizeRequest();
    }

    /** Re-points a scratch request at the next body's values (read by a tier that finds nothing in the snapshot's tables). */
    AuthorizeRequest set(String principalArn, String action, String resource, RequestContext context) {
        point(principalArn, action, resource, context);
        return found(null, -1, null, null, -1, null); // found in no table
    }

    /**
     * Re-points a scratch request at the next body's values read by the byte recognizer, with where it found the principal
     * and the resource in the snapshot's tables ({@link #found}).
     */
    AuthorizeRequest set(String principalArn, String action, String resource, RequestContext context, ArnTable<Caller> users, int user,
                         Caller caller, ArnTable<Map<String, RequestContext.Entry>> resources, int inventoried, Map<String, RequestContext.Entry> tags) {
        point(principalArn, action, resource, context);
        return found(users, user, caller, resources, inventoried, tags);
    }

    private void point(String principalArn, String action, String resource, RequestContext context) {
        if (!scratch) {
            throw new IllegalStateException("not a scratch request");
        }
        // a thread's scratch request is old: under G1 each reference stored into it runs the post-write barrier, so a
        // field that already holds the value (the same empty tags, the builder's one scratch context, the same
        // snapshot's tables) is not stored again
        this.principalArn = principalArn;
        if (this.sessionTags != Map.<String, String>of()) {
            this.sessionTags = Map.of();
        }
        this.action = action;
        this.resource = resource;
        if (this.context != context) {
            this.context = context;
        }
    }

    /**
     * A scratch request read by the byte recognizer: where its principal and resource were found in the snapshot's
     * tables (an index, -1 when not found there, the table null when there was none), so deciding reads the caller and
     * the inventory tags by index and looks neither up again. Null and -1 for every other request.
     */
    private ArnTable<Caller> userTable;
    private int userIndex = -1;
    private ArnTable<Map<String, RequestContext.Entry>> resourceTable;
    private int resourceIndex = -1;
    /** The values at those indexes as the reader found them: the user's resolved caller (null until resolved), the tags. */
    private Caller user;
    private Map<String, RequestContext.Entry> resourceTags;

    /**
     * Records where the scratch request's principal and resource are in the snapshot's tables (after {@link #set}), and
     * the values the reader read there ({@code caller} may be null: not resolved yet; {@code tags} null when not found).
     */
    private AuthorizeRequest found(ArnTable<Caller> users, int user, Caller caller, ArnTable<Map<String, RequestContext.Entry>> resources,
                                     int resource, Map<String, RequestContext.Entry> tags) {
        if (this.userTable != users) { // the same snapshot's table, request after request: no store (see set)
            this.userTable = users;
        }
        this.userIndex = users == null ? -1 : user;
        this.user = this.userIndex < 0 ? null : caller;
        if (this.resourceTable != resources) {
            this.resourceTable = resources;
        }
        this.resourceIndex = resources == null ? -1 : resource;
        this.resourceTags = this.resourceIndex < 0 ? null : tags;
        return this;
    }

    /** The user's caller as the reader found it in {@link #userTable} (null: not found, or not resolved yet). */
    Caller userCaller() {
        return user;
    }

    /** The resource's inventory tags as the reader found them in {@link #resourceTable} (null when not found). */
    Map<String, RequestContext.Entry> resourceTags() {
        return resourceTags;
    }

    /** The resource's index in {@link #resourceTable} (-1: not there, so not inventoried when that table is set). */
    int resourceIndex() {
        return resourceIndex;
    }

    ArnTable<Map<String, RequestContext.Entry>> resourceTable() {
        return resourceTable;
    }

    /** The principal's index in {@link #userTable} (-1: not a user's canonical ARN when that table is set). */
    int userIndex() {
        return userIndex;
    }

    ArnTable<Caller> userTable() {
        return userTable;
    }

    /** A scratch request's reused layered context (same thread, one decision at a time). */
    private LayeredContext layered;

    /** The layered context for deciding this request: a scratch request's own reused one, else a new one. */
    LayeredContext layered(Map<String, RequestContext.Entry> derived, Map<String, RequestContext.Entry> tags, String tagResource,
                           java.time.Instant now) {
        if (!scratch) { // the thread's one context for requests of their own (read only during this decision, never kept)
            return LayeredContext.OWN.get().reset(context, derived, tags, tagResource, now);
        }
        LayeredContext l = layered;
        if (l == null) {
            layered = l = new LayeredContext(context, derived, tags, tagResource, now);
            return l;
        }
        return l.reset(context, derived, tags, tagResource, now);
    }

    /** Marks a scratch request stale: its thread starts reading another body into it. */
    void invalidate() {
        generation++;
    }

    /** A scratch request's generation ({@link #invalidate} changes it); 0 for any other request. */
    long generation() {
        return generation;
    }

    /** Whether this is a thread's scratch request, valid only until that thread reads its next body. */
    public boolean isScratch() {
        return scratch;
    }

    /** This request, or for a scratch request a copy of its own (context entries included), safe to keep and share. */
    public AuthorizeRequest owned() {
        return scratch ? new AuthorizeRequest(principalArn, sessionTags, action, resource, context.owned()) : this;
    }

    public String principalArn() {
        return principalArn;
    }

    public Map<String, String> sessionTags() {
        return sessionTags;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    public RequestContext context() {
        return context;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorizeRequest r && Objects.equals(principalArn, r.principalArn) && Objects.equals(sessionTags, r.sessionTags)
                && Objects.equals(action, r.action) && Objects.equals(resource, r.resource) && Objects.equals(context, r.context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principalArn, sessionTags, action, resource, context);
    }

    @Override
    public String toString() {
        return "AuthorizeRequest[principalArn=" + principalArn + ", sessionTags=" + sessionTags + ", action=" + action + ", resource="
                + resource + ", context=" + context + "]";
    }
}
