package dev.tributary.ingestion.source;

import dev.tributary.ingestion.sync.RunSummary;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A source as the API shows it: never a secret's value, only which secrets are set.
 *
 * @param config     the non-secret settings, defaults applied ({@code {}} for file and web)
 * @param secretsSet the names of the secret settings that hold a value
 * @param schedule   null: manual runs only
 * @param lastRun    the newest run, or null
 */
public record SourceResponse(UUID id, String name, String type, String instanceId, List<String> instanceIds,
                             Instant createdAt, ObjectNode config, List<String> secretsSet, Schedule schedule,
                             boolean paused, RunSummary lastRun) {
}
