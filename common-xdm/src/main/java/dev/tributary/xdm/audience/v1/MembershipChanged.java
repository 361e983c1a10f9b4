package dev.tributary.xdm.audience.v1;

import java.time.Instant;

/** A person or account ({@code audience}) entered or exited ({@code change}) a segment during one evaluation. */
public record MembershipChanged(String segmentId, String audience, String entityId, String change, Instant occurredAt, String evaluationId) {

    public static final String TYPE = "audience.membership.changed";
}
