package io.iamgate.validate.rules;

import io.iamgate.match.WildcardPattern;
import io.iamgate.policy.IssueCode;
import io.iamgate.policy.ResourceEntry;
import io.iamgate.policy.Statement;
import io.iamgate.validate.ServiceReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of Resource and NotResource entries: the ARN-format family and redundant resources. */
final class ResourceRules {
    private ResourceRules() {
    }

    static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");
    /** An AWS Region code (us-east-1, cn-north-1, us-gov-west-1, us-iso-east-1, eusc-de-east-1, ...). */
    static final Pattern REGION = Pattern.compile("[a-z]{2,4}(-(gov|iso|isob|isoe|isof))?-[a-z]+-\\d{1,2}");

    /**
     * Resource types of which AWS itself publishes instances whose ARNs have no account (AWS-owned SSM
     * documents and automation definitions such as {@code arn:aws:ssm:us-east-1::document/AWS-RunShellScript},
     * public SSM parameters under {@code parameter/aws/service/}, Resource Explorer service views): an
     * empty account names those, so MISSING_ARN_ACCOUNT does not apply (the AWS managed policies use
     * these 154 times; the reference lists no managed policy with this error).
     */
    static final Set<String> AWS_OWNED = Set.of("ssm document", "ssm automation-definition", "ssm parameter", "resource-explorer-2 view");

    private static final java.util.Map<ServiceReference, Set<String>> ARN_SERVICES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The service names of every resource ARN format of the reference (computed once per reference). */
    static Set<String> arnServices(ServiceReference reference) {
        return ARN_SERVICES.computeIfAbsent(reference, ref -> {
            Set<String> names = new java.util.HashSet<>();
            for (String prefix : ref.servicePrefixes()) {
                names.add(prefix.toLowerCase(Locale.ROOT));
                for (ServiceReference.ResourceType rt : ref.service(prefix).resourceTypes().values()) {
                    names.add(rt.service().toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(names);
        });
    }

    static boolean hasPattern(String s) {
        return s.contains("*") || s.contains("?") || s.contains("${");
    }

    /**
     * The ARN-format family, against the resource ARN formats of the service reference:
     * MISSING_ARN_FIELD (fewer than six fields, or no ARN at all), INVALID_ARN_PREFIX (six fields not
     * starting with {@code arn}), INVALID_PARTITION, INVALID_ARN_SERVICE_CASE, INVALID_ARN_REGION (not a
     * Region code), INVALID_ARN_RESOURCE (the resource part starts like a resource type of the service,
     * {@code user-profile/...}, but fits none),
     * MISSING_ARN_REGION / ARN_REGION_NOT_ALLOWED, MISSING_ARN_ACCOUNT / ARN_ACCOUNT_NOT_ALLOWED / INVALID_ARN_ACCOUNT.
     * Fields holding wildcards or variables are not judged. A wildcard in the service
     * segment is WILDCARD_IN_SERVICE_NAME (the reference's example of that check; iamgate matches it to nothing).
     */
    static final class ArnFormat implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            // an entry that matches nothing widens access in a Deny's Resource (denies nothing) or an Allow's
            // NotResource (excludes nothing): there a wildcard service stays an ERROR, as before the tenth round
            boolean widens = (s.effect() == io.iamgate.policy.Effect.Deny) != s.hasNotResource();
            for (ResourceEntry r : s.resourceEntries()) {
                check(ctx, r, widens, s.effect() == io.iamgate.policy.Effect.Deny);
            }
        }

        private void check(RuleContext ctx, ResourceEntry r, boolean widens, boolean widensDeny) {
            String t = r.text();
            if (t.equals("*") || t.startsWith("${")) {
                return;
            }
            String[] parts = t.split(":", 6);
            if (parts.length < 6) {
                ctx.report(IssueCode.MISSING_ARN_FIELD, "\"" + t + "\" is neither \"*\" nor a full ARN: it has " + parts.length
                                + " of the 6 colon-separated fields arn:partition:service:region:account:resource", r.position(),
                        t.startsWith("<") ? "Replace the placeholder with the real ARN." : "Write the resource's full ARN (empty fields stay as ::).");
                return;
            }
            if (!parts[0].equals("arn")) {
                ctx.report(IssueCode.INVALID_ARN_PREFIX, "the ARN \"" + t + "\" does not start with arn:", r.position(), "Start the ARN with arn:.");
                return;
            }
            String partition = parts[1];
            if (!hasPattern(partition) && !PARTITIONS.contains(partition)) {
                ctx.report(IssueCode.INVALID_PARTITION, "\"" + partition + "\" in \"" + t + "\" is not an AWS partition", r.position(),
                        "Use aws (or aws-cn, aws-us-gov, ...).");
            }
            String service = parts[2];
            if (service.isEmpty()) {
                ctx.report(IssueCode.MISSING_ARN_FIELD, "the ARN \"" + t + "\" has an empty service field", r.position(),
                        "Write arn:partition:service:region:account:resource with the service's prefix, such as sagemaker.");
                return;
            }
            if (!service.contains("${") && (service.contains("*") || service.contains("?"))) {
                // the policy check reference's own example of WILDCARD_IN_SERVICE_NAME is such a Resource
                // ("arn:aws:*code*::111122223333:*"); the IAM User Guide's Resource element says the service
                // segment cannot be a wildcard, and iamgate matches such an entry against no request ARN
                // (docs/decision-semantics.md), which the message says
                if (widens) {
                    ctx.report(IssueCode.INVALID_SERVICE, "the service field \"" + service + "\" of \"" + t + "\" has a wildcard, which IAM "
                                    + "does not allow there: iamgate matches the entry against no resource, so "
                                    + (widensDeny ? "this Deny denies nothing through it" : "this NotResource excludes nothing and the Allow covers every resource"),
                            r.position(),
                            "Name the service (arn:aws:sagemaker:...), or use \"*\" for every resource.");
                    return;
                }
                ctx.report(IssueCode.WILDCARD_IN_SERVICE_NAME, "the service field \"" + service + "\" of \"" + t
                        + "\" has a wildcard: it may stand for services with similar names, and iamgate matches the entry against no resource",
                        r.position(), "Name the service (arn:aws:sagemaker:...), or use \"*\" for every resource.");
                return;
            }
            if (hasPattern(service)) {
                return;
            }
            ServiceReference.Service svc = ctx.reference().service(service);
            if (svc == null) {
                // recorded Access Analyzer output: "The service ssm-sap does not exist. Use a valid service
                // name." (INVALID_SERVICE on the Resource of AWSBackupFullAccess); a name that is the ARN
                // service of some resource type (catalog for Service Catalog) is not unknown
                if (!arnServices(ctx.reference()).contains(service.toLowerCase(Locale.ROOT))) {
                    ctx.report(IssueCode.INVALID_SERVICE, "the service \"" + service + "\" of \"" + t + "\" does not exist", r.position(),
                            "Use a service prefix of the service authorization reference.");
                }
                return;
            }
            if (!service.equals(service.toLowerCase(Locale.ROOT))) {
                ctx.report(IssueCode.INVALID_ARN_SERVICE_CASE, "the service \"" + service + "\" in \"" + t + "\" must be lower case",
                        r.position(), "Write " + service.toLowerCase(Locale.ROOT) + ".");
            }
            String region = parts[3];
            if (!region.isEmpty() && !hasPattern(region) && !REGION.matcher(region).matches()) {
                ctx.report(IssueCode.INVALID_ARN_REGION, "\"" + region + "\" in \"" + t + "\" is not a Region", r.position(),
                        "Use a Region code such as us-east-1, or * for any Region.");
            }
            if (svc.resourceTypes().isEmpty()) {
                return;
            }
            String lowerService = service.toLowerCase(Locale.ROOT);
            List<ServiceReference.ResourceType> candidates = new ArrayList<>();
            boolean anyOfService = false;
            for (ServiceReference.ResourceType rt : svc.resourceTypes().values()) {
                if (!rt.service().equals(lowerService)) {
                    continue;
                }
                anyOfService = true;
                if (rt.resourcePart().matches(parts[5])) {
                    candidates.add(rt);
                }
            }
            if (candidates.isEmpty()) {
                if (anyOfService && !hasPattern(parts[5]) && namesAType(svc, lowerService, parts[5])) {
                    ctx.report(IssueCode.INVALID_ARN_RESOURCE, "\"" + parts[5] + "\" fits no resource type of " + lowerService + " (\"" + t + "\")",
                            r.position(), "Match a resource ARN format of " + lowerService + ", e.g. " + firstFormat(svc, lowerService) + ".");
                }
                return;
            }
            if (region.isEmpty() && candidates.stream().allMatch(ServiceReference.ResourceType::regionAllowed)) {
                ctx.report(IssueCode.MISSING_ARN_REGION, lowerService + " " + names(candidates) + " ARNs name a Region, but \"" + t
                        + "\" has none", r.position(), "Add the Region, or * for any Region.");
            } else if (!region.isEmpty() && !region.equals("*") && candidates.stream().noneMatch(ServiceReference.ResourceType::regionAllowed)) {
                ctx.report(IssueCode.ARN_REGION_NOT_ALLOWED, lowerService + " " + names(candidates) + " ARNs have no Region, but \"" + t
                        + "\" names \"" + region + "\"", r.position(), "Remove the Region field's value.");
            }
            String account = parts[4];
            if (account.isEmpty() && candidates.stream().allMatch(rt -> rt.accountAllowed() && !AWS_OWNED.contains(lowerService + " " + rt.name()))) {
                ctx.report(IssueCode.MISSING_ARN_ACCOUNT, lowerService + " " + names(candidates) + " ARNs name an account, but \"" + t
                        + "\" has none", r.position(), "Add the 12-digit account id, or * for any account.");
            }
            boolean fixedAccount = !account.isEmpty() && !hasPattern(account);
            if (!account.isEmpty() && !account.equals("*") && candidates.stream().noneMatch(ServiceReference.ResourceType::accountAllowed)) {
                ctx.report(IssueCode.ARN_ACCOUNT_NOT_ALLOWED, lowerService + " " + names(candidates) + " ARNs have no account, but \"" + t
                        + "\" names \"" + account + "\"", r.position(), "Remove the account.");
            } else if (fixedAccount && !account.equals("aws") && !(account.length() == 12 && account.chars().allMatch(Character::isDigit))) {
                ctx.report(IssueCode.INVALID_ARN_ACCOUNT, "\"" + account + "\" in \"" + t + "\" is not a 12-digit account id", r.position(),
                        account.startsWith("<") ? "Replace the placeholder with the account id." : "Use the 12-digit account id, or * for any account.");
            }
        }

        /** Whether the resource part starts like some resource type's format ({@code user-profile/...}): then it means that type. */
        private static boolean namesAType(ServiceReference.Service svc, String service, String resourcePart) {
            for (ServiceReference.ResourceType rt : svc.resourceTypes().values()) {
                String format = rt.arnFormat().split(":", 6)[5];
                int var = format.indexOf("${");
                String lead = var < 0 ? format : format.substring(0, var);
                if (rt.service().equals(service) && lead.length() > 1 && resourcePart.startsWith(lead)) {
                    return true;
                }
            }
            return false;
        }

        private static String firstFormat(ServiceReference.Service svc, String service) {
            for (ServiceReference.ResourceType rt : svc.resourceTypes().values()) {
                if (rt.service().equals(service)) {
                    return rt.arnFormat();
                }
            }
            return "";
        }

        private static String names(List<ServiceReference.ResourceType> types) {
            List<String> n = new ArrayList<>();
            types.forEach(t -> n.add(t.name()));
            return String.join("/", n);
        }
    }

    /**
     * REDUNDANT_RESOURCE: an entry that another entry of the same element already covers (the other's
     * wildcards match it, across "/" too: recorded Access Analyzer output groups
     * {@code arn:aws:apigateway:*::/restapis/*} with {@code .../restapis/*\/resources/*\/methods/*}, AIOpsAssistantPolicy),
     * an exact duplicate counted once on the later entry; one finding per covering entry.
     */
    static final class RedundantResource implements Rule {
        @Override
        public void statement(RuleContext ctx, Statement s) {
            List<ResourceEntry> rs = s.resourceEntries();
            if (rs.size() < 2) {
                return;
            }
            List<WildcardPattern> patterns = new ArrayList<>(rs.size());
            for (ResourceEntry r : rs) {
                patterns.add(WildcardPattern.compile(r.text()));
            }
            java.util.Map<Integer, List<Integer>> coveredBy = new java.util.LinkedHashMap<>();
            for (int i = 0; i < rs.size(); i++) {
                for (int j = 0; j < rs.size(); j++) {
                    if (i == j) {
                        continue;
                    }
                    String a = rs.get(i).text();
                    String b = rs.get(j).text();
                    boolean covers = a.equals(b) ? j < i
                            : patterns.get(j).hasWildcard() && patterns.get(j).matches(a);
                    if (covers) {
                        coveredBy.computeIfAbsent(j, k -> new ArrayList<>()).add(i);
                        break;
                    }
                }
            }
            // one finding per covering entry, at the first entry involved ("The 2 resource ARN(s) are
            // redundant", with both locations, as recorded on AWSBackupFullAccess)
            for (java.util.Map.Entry<Integer, List<Integer>> e : coveredBy.entrySet()) {
                String b = rs.get(e.getKey()).text();
                List<String> names = new ArrayList<>();
                int first = e.getKey();
                for (int i : e.getValue()) {
                    names.add("\"" + rs.get(i).text() + "\"");
                    first = Math.min(first, i);
                }
                ctx.report(IssueCode.REDUNDANT_RESOURCE, (names.size() + 1) + " resource ARNs are redundant: \"" + b + "\" already covers "
                        + String.join(", ", names), rs.get(first).position(), "Remove " + String.join(", ", names) + ", or review the wildcards of \"" + b + "\".");
            }
        }
    }
}
