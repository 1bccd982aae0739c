package io.iamgate.api;

import io.iamgate.runtime.BundleHolder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.FileFinding;
import io.iamgate.bundle.LoadResult;
import io.iamgate.sim.ResultJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** {@code GET /v1/bundle}: revision, source, load time, counts, findings and the last refusal. */
@Path("/v1/bundle")
public class BundleResource {
    private final BundleHolder holder;

    public BundleResource(BundleHolder holder) {
        this.holder = holder;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The loaded bundle: revision, source, loadedAt, ageSeconds, issued, counts, findings, reloadErrors, last reload error")
    public Response bundle() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Bundle b = holder.current();
        o.put("source", holder.location());
        if (b == null) {
            o.putNull("revision");
        } else {
            o.put("revision", b.revision());
            o.put("loadedAt", b.loadedAt().toString());
            o.put("ageSeconds", java.time.Duration.between(b.loadedAt(), java.time.Instant.now()).toSeconds());
            if (b.issued() != null) {
                o.put("issued", b.issued().toString());
            }
            if (b.account() != null) {
                o.put("account", b.account());
            }
            if (b.region() != null) {
                o.put("region", b.region());
            }
            ObjectNode c = o.putObject("counts");
            c.put("policies", b.policies().size());
            c.put("guardrails", b.guardrails().size());
            c.put("roles", b.roles().size());
            c.put("users", b.users().size());
            c.put("resources", b.resourceTags().size());
            c.put("findings", b.findings().size());
            o.set("findings", findings(b.findings()));
        }
        o.put("reloadErrors", holder.reloadErrors());
        LoadResult refusal = holder.lastRefusal();
        if (refusal == null) {
            o.putNull("lastReloadError");
        } else {
            ObjectNode e = o.putObject("lastReloadError");
            e.put("at", holder.lastRefusalAt().toString());
            e.put("message", refusal.refusal());
            e.set("findings", findings(refusal.findings()));
        }
        return Response.ok(o.toString(), MediaType.APPLICATION_JSON).build();
    }

    @jakarta.ws.rs.POST
    @Path("/reload")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the bundle source now and reload it (even if unchanged); answers what happened. One reload runs at a time: "
            + "409 with the outcome when refused, 409 problem document when another reload is still running")
    public Response reload() {
        var r = holder.reloadNow();
        if (r.outcome() == io.iamgate.bundle.ReloadOutcome.BUSY) {
            return Problems.simple(409, "Reload in progress", r.message(), "");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("outcome", r.outcome().label());
        if (r.revision() == null) {
            o.putNull("revision");
        } else {
            o.put("revision", r.revision());
        }
        o.put("message", r.message());
        ArrayNode c = o.putArray("changes");
        r.changes().forEach(c::add);
        boolean refused = r.outcome() == io.iamgate.bundle.ReloadOutcome.REFUSED;
        if (refused && holder.lastRefusal() != null) {
            o.set("findings", findings(holder.lastRefusal().findings()));
        }
        return Response.status(refused ? 409 : 200).type(MediaType.APPLICATION_JSON).entity(o.toString()).build();
    }

    static ArrayNode findings(List<FileFinding> fs) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (FileFinding f : fs) {
            ObjectNode n = ResultJson.finding(f.finding());
            n.put("file", f.file());
            a.add(n);
        }
        return a;
    }
}
