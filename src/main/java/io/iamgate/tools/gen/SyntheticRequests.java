package io.iamgate.tools.gen;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.JsonWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic authorize traffic for a bundle: Zipf-distributed callers (its users, and sessions of its
 * roles: the people its inventory's owner tags name, and a guest) and Zipf-distributed inventoried
 * resources; a mix of actions (10 % list, 45 % presign — a third of it Studio
 * {@code CreatePresignedDomainUrl} when the bundle inventories user profiles —
 * 15 % start, 10 % stop, 17 % describe, 3 % delete); owners and non-owners (an owner picks one of their
 * own notebooks or profiles 70 % of the time); 85 % corporate (10/8) and 15 % outside source IPs.
 * Deterministic for a given bundle and seed.
 */
public final class SyntheticRequests {
    /** One request, and its authorize body as compact JSON (what a client would send). */
    public record Item(AuthorizeRequest request, String principalArn, Map<String, Object> context, String body) {
    }

    private final Random r;
    private final List<String> callers = new ArrayList<>();
    private final List<String> resources;
    private final List<String> profiles;
    private final Zipf profileZipf;
    private final Zipf callerZipf;
    private final Zipf resourceZipf;
    private final Map<String, List<String>> ownedBy = new java.util.HashMap<>();
    private final Map<String, List<String>> profilesOwnedBy = new java.util.HashMap<>();
    private final Map<String, String> ownerTagOfCaller = new java.util.HashMap<>();

    public SyntheticRequests(Bundle bundle, long seed) {
        this.r = new Random(seed);
        String account = bundle.account() == null ? "111122223333" : bundle.account();
        String partition = bundle.partition() == null ? "aws" : bundle.partition();
        bundle.users().values().forEach(u -> {
            String arn = "arn:" + partition + ":iam::" + account + ":user" + u.path() + u.name(); // canonical (docs/principals-and-context.md)
            callers.add(arn);
            ownerTagOfCaller.put(arn, u.id());
            ownerTagOfCaller.put(arn + "#tag", u.tags().getOrDefault("owner", u.name()));
        });
        // a role's sessions: the people its owner tags name (ROLEID:session), and one stranger
        Map<String, java.util.SortedSet<String>> sessions = new java.util.HashMap<>();
        bundle.resourceTags().values().forEach(tags -> {
            RequestContext.Entry owner = tags.get("owner");
            String v = owner == null ? "" : owner.values().get(0);
            int colon = v.indexOf(':');
            if (colon > 0) {
                sessions.computeIfAbsent(v.substring(0, colon), k -> new java.util.TreeSet<>()).add(v.substring(colon + 1));
            }
        });
        bundle.roles().values().forEach(role -> {
            java.util.SortedSet<String> names = new java.util.TreeSet<>(sessions.getOrDefault(role.id(), new java.util.TreeSet<>()));
            names.add("guest");
            for (String s : names) {
                String arn = "arn:" + partition + ":sts::" + account + ":assumed-role/" + role.name() + "/" + s;
                callers.add(arn);
                ownerTagOfCaller.put(arn, role.id() + ":" + s);
            }
        });
        java.util.Collections.sort(callers);
        java.util.Collections.shuffle(callers, r);
        resources = new ArrayList<>();
        profiles = new ArrayList<>();
        bundle.resourceTags().keySet().forEach(arn -> (isProfile(arn) ? profiles : resources).add(arn));
        java.util.Collections.sort(resources);
        java.util.Collections.shuffle(resources, r);
        java.util.Collections.sort(profiles);
        bundle.resourceTags().forEach((arn, tags) -> {
            RequestContext.Entry owner = tags.get("owner");
            if (owner != null) {
                (isProfile(arn) ? profilesOwnedBy : ownedBy).computeIfAbsent(owner.values().get(0), k -> new ArrayList<>()).add(arn);
            }
        });
        ownedBy.values().forEach(java.util.Collections::sort);
        profilesOwnedBy.values().forEach(java.util.Collections::sort);
        profileZipf = new Zipf(Math.max(1, profiles.size()), 1.1);
        callerZipf = new Zipf(Math.max(1, callers.size()), 1.1);
        resourceZipf = new Zipf(Math.max(1, resources.size()), 1.1);
    }

    private static boolean isProfile(String arn) {
        return arn.contains(":user-profile/");
    }

    public boolean empty() {
        return callers.isEmpty() || resources.isEmpty();
    }

    public Item next() {
        String caller = callers.get(callerZipf.sample(r));
        String action;
        String resource;
        int kind = r.nextInt(100);
        if (kind < 10) {
            action = "sagemaker:ListNotebookInstances";
            resource = "*";
        } else {
            action = kind < 55 ? "sagemaker:CreatePresignedNotebookInstanceUrl" : kind < 70 ? "sagemaker:StartNotebookInstance"
                    : kind < 80 ? "sagemaker:StopNotebookInstance" : kind < 97 ? "sagemaker:DescribeNotebookInstance" : "sagemaker:DeleteNotebookInstance";
            boolean studio = kind >= 40 && kind < 55 && !profiles.isEmpty();
            if (studio) {
                action = "sagemaker:CreatePresignedDomainUrl";
            }
            Map<String, List<String>> owned = studio ? profilesOwnedBy : ownedBy;
            List<String> own = owned.get(ownerTagOfCaller.get(caller));
            if (own == null) {
                own = owned.get(ownerTagOfCaller.get(caller + "#tag"));
            }
            List<String> pool = studio ? profiles : resources;
            resource = own != null && r.nextInt(100) < 70 ? own.get(r.nextInt(own.size()))
                    : pool.get((studio ? profileZipf : resourceZipf).sample(r));
        }
        String ip = r.nextInt(100) < 85 ? "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254))
                : "203.0.113." + (1 + r.nextInt(254));
        Map<String, Object> ctx = Map.of("aws:SourceIp", ip, "aws:SecureTransport", "true");
        RequestContext.Builder b = RequestContext.builder();
        ctx.forEach((k, v) -> b.put(k, (String) v));
        String body = "{\"principal\":{\"arn\":" + JsonWriter.quote(caller) + "},\"action\":\"" + action + "\",\"resource\":"
                + JsonWriter.quote(resource) + ",\"context\":{\"aws:SourceIp\":\"" + ip + "\",\"aws:SecureTransport\":true}}";
        return new Item(new AuthorizeRequest(caller, Map.of(), action, resource, b.build()), caller, ctx, body);
    }
}
