package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.connector.ConfigField;
import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.RateLimit;
import dev.tributary.ingestion.connector.SourceConnector;
import dev.tributary.ingestion.connector.SourceTask;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connector for the framework's tests ({@code type: scripted}): each source names a {@link Script} the test registers,
 * which says what each read returns or throws. A read of a source with a {@code probeUrl} first makes one real HTTP call
 * through the context (rate budget, daily quota, API call count).
 */
@Component
public class ScriptedConnector implements SourceConnector {

    /** What reads return: stream and cursor to a page, or a thrown {@link ConnectorException}. */
    @FunctionalInterface
    public interface Reader {
        Page read(String stream, String cursor, int attempt);
    }

    public static final class Script {
        final List<String> streams;
        volatile Reader reader;
        volatile ConnectorException validateFailure;
        final List<String> reads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger opens = new AtomicInteger();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        volatile ConnectorConfig lastConfig;

        Script(List<String> streams, Reader reader) {
            this.streams = streams;
            this.reader = reader;
        }

        /** Each read as {@code stream@cursor}. */
        public List<String> reads() {
            synchronized (reads) {
                return List.copyOf(reads);
            }
        }
    }

    private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

    public static Script register(String name, List<String> streams, Reader reader) {
        Script script = new Script(streams, reader);
        SCRIPTS.put(name, script);
        return script;
    }

    /** A record line of an account {@code id@instance.Salesforce}. */
    public static ObjectNode account(String id, String instance) {
        ObjectNode line = XdmJson.mapper().createObjectNode();
        line.put("class", "account");
        ObjectNode data = line.putObject("data");
        data.put("accountKey", id + "@" + instance + ".Salesforce");
        data.put("accountName", "Account " + id);
        data.putObject("extSourceSystemAudit").put("lastUpdatedDate", "2026-11-01T10:00:00Z");
        return line;
    }

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public String description() {
        return "test connector reading what the test scripted";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.required("script", ConfigField.Type.STRING, "the name of the test's script"),
                ConfigField.secret("apiSecret", "a secret the test checks is sealed"),
                ConfigField.optional("probeUrl", ConfigField.Type.URL, null, "called once a read through the context"),
                ConfigField.optional("dailyQuota", ConfigField.Type.INTEGER, "0", "calls a day, 0 for none"),
                ConfigField.optional("pageSize", ConfigField.Type.INTEGER, "100", "unused").withPattern("[1-9][0-9]*"));
    }

    @Override
    public List<String> streams() {
        // a connector declares its streams once; the scripts use these
        return List.of("accounts", "events");
    }

    @Override
    public RateLimit rateLimit(ConnectorConfig config) {
        long quota = Long.parseLong(config.get("dailyQuota"));
        return quota == 0 ? RateLimit.unlimited() : new RateLimit("scripted:" + config.get("script"), 0, Duration.ZERO, 0, quota);
    }

    @Override
    public SourceTask open(ConnectorConfig config, ConnectorContext context) {
        Script script = SCRIPTS.get(config.get("script"));
        if (script == null) {
            throw ConnectorException.badConfig("script", "no script named " + config.get("script"));
        }
        script.opens.incrementAndGet();
        script.lastConfig = config;
        return new SourceTask() {
            @Override
            public void validate() {
                if (script.validateFailure != null) {
                    throw script.validateFailure;
                }
            }

            @Override
            public Page read(String stream, String cursor) {
                if (!script.streams.contains(stream)) {
                    return Page.of(List.of(), cursor, true);
                }
                script.reads.add(stream + "@" + cursor);
                config.find("probeUrl").ifPresent(url -> context.send(HttpRequest.newBuilder(URI.create(url)).GET().build()));
                int attempt = script.attempts.computeIfAbsent(stream + "@" + cursor, k -> new AtomicInteger()).incrementAndGet();
                return script.reader.read(stream, cursor, attempt);
            }
        };
    }
}
