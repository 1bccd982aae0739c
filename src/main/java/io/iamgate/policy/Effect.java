package io.iamgate.policy;

public enum Effect {
    Allow, Deny
}
