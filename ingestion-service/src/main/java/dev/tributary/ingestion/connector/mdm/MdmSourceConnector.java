package dev.tributary.ingestion.connector.mdm;

import dev.tributary.ingestion.connector.ConfigField;
import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.SourceConnector;
import dev.tributary.ingestion.connector.SourceTask;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code type: mdm}: golden accounts and their cross-references from an MDM export file (NDJSON or CSV, README).
 * The cursor holds the file's hash and, per golden id, a hash of what was last published: an unchanged file publishes
 * nothing, a changed golden record is published again (a source key it lost leaves its identityMap, which unlinks),
 * and a golden id gone from the file is published with {@code isDeleted: true}.
 */
@Component
public class MdmSourceConnector implements SourceConnector {

    static final String STREAM = "golden-accounts";

    @Override
    public String type() {
        return "mdm";
    }

    @Override
    public String description() {
        return "Golden accounts and their cross-references (the source keys each links) from an MDM export file";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.required("location", ConfigField.Type.STRING,
                        "the export: a file path, a file: URL or an http(s): URL"),
                ConfigField.optional("format", ConfigField.Type.ENUM, "ndjson", "ndjson (one golden record a line) or csv"
                        + " (one row per source key)").withAllowedValues("ndjson", "csv"));
    }

    @Override
    public List<String> streams() {
        return List.of(STREAM);
    }

    @Override
    public SourceTask open(ConnectorConfig config, ConnectorContext context) {
        return new Task(config, context);
    }

    private static final class Task implements SourceTask {
        private final ConnectorConfig config;
        private final ConnectorContext context;
        private final MdmClient client;

        Task(ConnectorConfig config, ConnectorContext context) {
            this.config = config;
            this.context = context;
            this.client = new MdmClient(config.get("location"), context);
        }

        @Override
        public void validate() {
            byte[] content = client.read();
            try {
                parse(content);
            } catch (ConnectorException e) {
                throw ConnectorException.badConfig("format", "the file is not a valid " + config.get("format")
                        + " MDM export: " + e.getMessage());
            }
        }

        @Override
        public Page read(String stream, String cursor) {
            if (!STREAM.equals(stream)) {
                throw ConnectorException.permanent("unknown stream " + stream);
            }
            byte[] content = client.read();
            String fileHash = sha256(content);
            Cursor previous = Cursor.parse(cursor);
            if (previous != null && previous.fileHash().equals(fileHash)) {
                return Page.of(List.of(), cursor, true);
            }
            Instant readAt = context.clock().instant();
            List<ObjectNode> records = new ArrayList<>();
            Map<String, String> published = new TreeMap<>();
            for (MdmRecordMapper.GoldenRecord golden : parse(content)) {
                // hashed without a lastUpdatedDate the read supplies, so that an unchanged record hashes the same
                String hash = sha256(MdmRecordMapper.toRecord(golden, config.instanceId(), Instant.EPOCH).toString()
                        .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
                published.put(golden.goldenId(), hash);
                if (previous == null || !hash.equals(previous.records().get(golden.goldenId()))) {
                    records.add(MdmRecordMapper.toRecord(golden, config.instanceId(), readAt));
                }
            }
            if (previous != null) {
                previous.records().keySet().stream().filter(id -> !published.containsKey(id))
                        .forEach(id -> records.add(MdmRecordMapper.deletion(id, config.instanceId(), readAt)));
            }
            return Page.of(records, new Cursor(fileHash, published).toJson(), true);
        }

        private List<MdmRecordMapper.GoldenRecord> parse(byte[] content) {
            String text = new String(content, StandardCharsets.UTF_8);
            return "csv".equals(config.get("format")) ? MdmRecordMapper.parseCsv(text) : MdmRecordMapper.parseNdjson(text);
        }
    }

    /** The file's hash and each golden id's published hash. */
    record Cursor(String fileHash, Map<String, String> records) {

        static Cursor parse(String cursor) {
            if (cursor == null) {
                return null;
            }
            try {
                JsonNode node = XdmJson.mapper().readTree(cursor);
                Map<String, String> records = new TreeMap<>();
                node.get("records").properties().forEach(e -> records.put(e.getKey(), e.getValue().stringValue()));
                return new Cursor(node.get("fileHash").stringValue(), records);
            } catch (JacksonException | NullPointerException e) {
                // an unreadable cursor reads everything again: duplicates are harmless, skips are not
                return null;
            }
        }

        String toJson() {
            ObjectNode node = XdmJson.mapper().createObjectNode();
            node.put("fileHash", fileHash);
            ObjectNode published = node.putObject("records");
            records.forEach(published::put);
            return node.toString();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
