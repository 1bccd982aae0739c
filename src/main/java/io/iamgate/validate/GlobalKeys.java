package io.iamgate.validate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The global {@code aws:} condition keys with their types (the service reference does not type them).
 * Keys ending in {@code /} take a tag or attribute name after the slash.
 */
public final class GlobalKeys {
    private static final Map<String, KeyType> EXACT = new LinkedHashMap<>();
    private static final Map<String, KeyType> PREFIXES = new LinkedHashMap<>();

    static {
        exact("aws:CalledVia", KeyType.ARRAY_OF_STRING);
        exact("aws:CalledViaFirst", KeyType.STRING);
        exact("aws:CalledViaLast", KeyType.STRING);
        exact("aws:ChatbotSourceArn", KeyType.ARN);
        exact("aws:CurrentTime", KeyType.DATE);
        exact("aws:EpochTime", KeyType.DATE_OR_NUMERIC);
        exact("aws:Ec2InstanceSourcePrivateIPv4", KeyType.IP_ADDRESS);
        exact("aws:Ec2InstanceSourceVpc", KeyType.STRING);
        exact("aws:FederatedProvider", KeyType.STRING);
        exact("aws:IsMcpServiceAction", KeyType.BOOL);
        exact("aws:MultiFactorAuthAge", KeyType.NUMERIC);
        exact("aws:MultiFactorAuthPresent", KeyType.BOOL);
        exact("aws:PrincipalAccount", KeyType.STRING);
        exact("aws:PrincipalArn", KeyType.ARN);
        exact("aws:PrincipalIsAWSService", KeyType.BOOL);
        exact("aws:PrincipalOrgID", KeyType.STRING);
        exact("aws:PrincipalOrgPaths", KeyType.ARRAY_OF_STRING);
        exact("aws:PrincipalServiceName", KeyType.STRING);
        exact("aws:PrincipalServiceNamesList", KeyType.ARRAY_OF_STRING);
        exact("aws:PrincipalType", KeyType.STRING);
        exact("aws:Referer", KeyType.STRING);
        exact("aws:RequestedRegion", KeyType.STRING);
        exact("aws:ResourceAccount", KeyType.STRING);
        exact("aws:ResourceOrgID", KeyType.STRING);
        exact("aws:ResourceOrgPaths", KeyType.ARRAY_OF_STRING);
        exact("aws:SecureTransport", KeyType.BOOL);
        exact("aws:SourceAccount", KeyType.STRING);
        exact("aws:SourceArn", KeyType.ARN);
        exact("aws:SourceIdentity", KeyType.STRING);
        exact("aws:SourceIp", KeyType.IP_ADDRESS);
        exact("aws:SourceOrgID", KeyType.STRING);
        exact("aws:SourceOrgPaths", KeyType.ARRAY_OF_STRING);
        exact("aws:SourceVpc", KeyType.STRING);
        exact("aws:SourceVpcArn", KeyType.ARN);
        exact("aws:SourceVpce", KeyType.STRING);
        exact("aws:TagKeys", KeyType.ARRAY_OF_STRING);
        exact("aws:TokenIssueTime", KeyType.DATE);
        exact("aws:UserAgent", KeyType.STRING);
        exact("aws:userid", KeyType.STRING);
        exact("aws:username", KeyType.STRING);
        exact("aws:ViaAWSService", KeyType.BOOL);
        exact("aws:VpcSourceIp", KeyType.IP_ADDRESS);
        // the VPC endpoint owner keys (IAM User Guide, "AWS global condition context keys", 2026)
        exact("aws:VpceAccount", KeyType.STRING);
        exact("aws:VpceOrgID", KeyType.STRING);
        exact("aws:VpceOrgPaths", KeyType.ARRAY_OF_STRING);
        exact("aws:AssumedRoot", KeyType.BOOL);
        exact("aws:SourceOwner", KeyType.STRING);
        exact("aws:PrincipalOrgMasterAccountId", KeyType.STRING); // legacy, still used by AWS managed policies
        PREFIXES.put("aws:principaltag/", KeyType.STRING);
        PREFIXES.put("aws:requesttag/", KeyType.STRING);
        PREFIXES.put("aws:resourcetag/", KeyType.STRING);
        PREFIXES.put("aws:requestattribute/", KeyType.STRING);
    }

    private static void exact(String key, KeyType type) {
        EXACT.put(key.toLowerCase(Locale.ROOT), type);
    }

    private GlobalKeys() {
    }

    /** The type of a global key (case-insensitive), or null when it is not one. */
    public static KeyType type(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        KeyType t = EXACT.get(k);
        if (t != null) {
            return t;
        }
        for (Map.Entry<String, KeyType> e : PREFIXES.entrySet()) {
            if (k.startsWith(e.getKey()) && k.length() > e.getKey().length()) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The known global key names, for suggestions. */
    public static Iterable<String> names() {
        return EXACT.keySet();
    }
}
