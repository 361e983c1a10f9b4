package dev.tributary.profile.fragment;

import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One source record version as received from {@code cdp.xdm.records.v1}.
 *
 * @param lastUpdated the source's last-updated time, or the ingestion time when the source gave none
 * @param contentHash breaks ties between versions with the same time, so every order converges
 */
public record IncomingRecord(XdmClass xdmClass, SourceKey key, JsonNode data, Instant lastUpdated,
                             boolean deleted, String contentHash) {

    /** Whether this version replaces {@code other} (the stored one) under the newest-wins rule. */
    public boolean supersedes(Instant otherLastUpdated, String otherHash) {
        int byTime = lastUpdated.compareTo(otherLastUpdated);
        return byTime > 0 || (byTime == 0 && contentHash.compareTo(otherHash) > 0);
    }

    public boolean supersedes(IncomingRecord other) {
        return supersedes(other.lastUpdated, other.contentHash);
    }
}
