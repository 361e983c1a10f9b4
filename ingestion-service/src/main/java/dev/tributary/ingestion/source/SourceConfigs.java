package dev.tributary.ingestion.source;

import dev.tributary.ingestion.connector.ConfigField;
import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.SourceConnector;
import dev.tributary.ingestion.connector.SourceTask;
import dev.tributary.ingestion.sync.ConnectorContexts;
import dev.tributary.support.secret.SecretBox;
import dev.tributary.xdm.json.XdmJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connector source's configuration as a connector sees it: its secrets sealed at rest and opened for use, the defaults
 * of settings added since it was saved, a real call that tries it, and none at all for a push-only source (ADR 0027).
 */
@Component
class SourceConfigs {

    private static final Logger log = LoggerFactory.getLogger(SourceConfigs.class);

    private final ConnectorContexts contexts;
    private final SecretBox box;

    SourceConfigs(ConnectorContexts contexts, SecretBox sourceSecretBox) {
        this.contexts = contexts;
        this.box = sourceSecretBox;
    }

    /** The stored configuration with its secrets opened, for a run or a test. */
    ConnectorConfig of(Source source, SourceConnector connector, ConnectorSettings.Settings stored) {
        Map<String, String> values = new TreeMap<>();
        stored.config().properties().forEach(e -> values.put(e.getKey(),
                e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString()));
        values.putAll(openSecrets(source.id(), stored.secrets()));
        // settings a connector added since the source was saved take their defaults
        for (ConfigField field : connector.configFields()) {
            if (!values.containsKey(field.name()) && field.defaultValue() != null) {
                values.put(field.name(), field.defaultValue());
            }
        }
        return new ConnectorConfig(source.id().toString(), source.instanceId(), values);
    }

    /** A real call with the configuration: empty when it works, else the located reasons. Never throws. */
    List<Map<String, Object>> tryConfig(SourceConnector connector, ConnectorConfig config) {
        try (SourceTask task = connector.open(config, contexts.open(connector.rateLimit(config), new AtomicLong()))) {
            task.validate();
            return List.of();
        } catch (ConnectorException e) {
            String field = e.field() == null ? "config" : "config." + e.field();
            return List.of(SourceErrors.at(field, e.getMessage() == null ? e.kind().name().toLowerCase() : e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("Trying the configuration of a {} source failed", connector.type(), e);
            return List.of(SourceErrors.at("config", "the configuration could not be tried: " + e.getMessage()));
        }
    }

    byte[] seal(UUID id, Map<String, String> secrets) {
        return secrets.isEmpty() ? null : box.seal(XdmJson.mapper().writeValueAsString(secrets), id.toString());
    }

    /** @throws IllegalStateException when the secrets were sealed under another key */
    Map<String, String> openSecrets(UUID id, byte[] sealed) {
        if (sealed == null) {
            return Map.of();
        }
        return XdmJson.mapper().readValue(box.open(sealed, id.toString()), new TypeReference<Map<String, String>>() {
        });
    }

    /** A push-only source has no connector: a config or a schedule given for it is refused, located. */
    static void refuseConnectorSettings(String type, JsonNode config, boolean schedule) {
        List<Map<String, Object>> errors = new ArrayList<>();
        if (config != null && !config.isEmpty()) {
            errors.add(SourceErrors.at("config", "a " + type + " source takes no config: it is push only"));
        }
        if (schedule) {
            errors.add(SourceErrors.at("schedule", "a " + type + " source has no runs to schedule: it is push only"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSourceException(errors);
        }
    }
}
