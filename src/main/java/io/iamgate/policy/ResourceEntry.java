package io.iamgate.policy;

import io.iamgate.json.Position;

/** One entry of Resource/NotResource: an ARN pattern, possibly with policy variables. */
public record ResourceEntry(String text, Position position, Template template) {
}
