package io.iamgate.policy;

import io.iamgate.json.Position;

import java.util.List;

/**
 * One statement of a policy document. Exactly one of {@code actions}/{@code notActions} is non-null
 * and exactly one of {@code resources}/{@code notResources}; {@code principal} records a Principal
 * or NotPrincipal element, which identity policies may not have (the parser refuses it); it is null
 * when the statement has none. A role trust policy's statements may have neither Resource nor
 * NotResource: then {@code resources} is empty.
 */
public record Statement(int index, String sid, Position sidPosition, Effect effect, Position position,
                        List<ActionEntry> actions, List<ActionEntry> notActions, Position actionPosition,
                        List<ResourceEntry> resources, List<ResourceEntry> notResources, Position resourcePosition,
                        List<Condition> conditions, Position conditionPosition, Principal principal) {

    public boolean hasNotAction() {
        return notActions != null;
    }

    public boolean hasNotResource() {
        return notResources != null;
    }

    public List<ActionEntry> actionEntries() {
        return actions != null ? actions : notActions;
    }

    public List<ResourceEntry> resourceEntries() {
        return resources != null ? resources : notResources;
    }
}
