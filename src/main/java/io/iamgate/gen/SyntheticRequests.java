package io.iamgate.gen;

import io.iamgate.authz.AuthorizeRequest;
import io.iamgate.bundle.Bundle;
import io.iamgate.eval.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic authorize traffic for a bundle: Zipf-distributed callers (its users, and sessions of its
 * roles) and Zipf-distributed inventoried resources; a mix of actions (presign, start/stop,
 * describe/list); owners and non-owners (an owner picks one of their own notebooks most of the time);
 * corporate and outside source IPs.
 */
public final class SyntheticRequests {
    public record Item(AuthorizeRequest request, String principalArn, Map<String, Object> context) {
    }

    private final Random r;
    private final List<String> callers = new ArrayList<>();
    private final List<String> resources;
    private final Zipf callerZipf;
    private final Zipf resourceZipf;
    private final Map<String, List<String>> ownedBy = new java.util.HashMap<>();
    private final Map<String, String> ownerTagOfCaller = new java.util.HashMap<>();

    public SyntheticRequests(Bundle bundle, long seed) {
        this.r = new Random(seed);
        String account = bundle.account() == null ? "111122223333" : bundle.account();
        bundle.users().values().forEach(u -> {
            String arn = "arn:aws:iam::" + account + ":user/" + u.name();
            callers.add(arn);
            ownerTagOfCaller.put(arn, u.id());
            ownerTagOfCaller.put(arn + "#tag", u.tags().getOrDefault("owner", u.name()));
        });
        bundle.roles().values().forEach(role -> {
            for (String s : new String[] {"alice", "bob", "carol", "dave"}) {
                String arn = "arn:aws:sts::" + account + ":assumed-role/" + role.name() + "/" + s;
                callers.add(arn);
                ownerTagOfCaller.put(arn, role.id() + ":" + s);
            }
        });
        java.util.Collections.sort(callers);
        java.util.Collections.shuffle(callers, r);
        resources = new ArrayList<>(bundle.resourceTags().keySet());
        java.util.Collections.sort(resources);
        java.util.Collections.shuffle(resources, r);
        bundle.resourceTags().forEach((arn, tags) -> {
            RequestContext.Entry owner = tags.get("owner");
            if (owner != null) {
                ownedBy.computeIfAbsent(owner.values().get(0), k -> new ArrayList<>()).add(arn);
            }
        });
        ownedBy.values().forEach(java.util.Collections::sort);
        callerZipf = new Zipf(Math.max(1, callers.size()), 1.1);
        resourceZipf = new Zipf(Math.max(1, resources.size()), 1.1);
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
            List<String> own = ownedBy.get(ownerTagOfCaller.get(caller));
            if (own == null) {
                own = ownedBy.get(ownerTagOfCaller.get(caller + "#tag"));
            }
            resource = own != null && r.nextInt(100) < 70 ? own.get(r.nextInt(own.size())) : resources.get(resourceZipf.sample(r));
        }
        String ip = r.nextInt(100) < 85 ? "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254))
                : "203.0.113." + (1 + r.nextInt(254));
        Map<String, Object> ctx = Map.of("aws:SourceIp", ip, "aws:SecureTransport", "true");
        RequestContext.Builder b = RequestContext.builder();
        ctx.forEach((k, v) -> b.put(k, (String) v));
        return new Item(new AuthorizeRequest(caller, Map.of(), action, resource, b.build()), caller, ctx);
    }
}
