package dev.tributary.ingestion.connector;

import dev.tributary.emulators.Emulators;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Salesforce (crm-1) and Dynamics (crm-2) emulators, started once per test JVM, and a loop that reads a stream
 * page by page the way the framework does: publish, then keep the page's cursor.
 */
public final class CrmEmulators {

    public static final String SALESFORCE = "crm-1";
    public static final String DYNAMICS = "crm-2";

    private static final class Holder {
        static final Emulators EMULATORS = Emulators.builder()
                .salesforceInstance(SALESFORCE, "townsend-sf-client", "townsend-sf-secret")
                .dynamicsInstance(DYNAMICS, "townsend-d365-client", "townsend-d365-secret")
                .start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(EMULATORS::close));
        }
    }

    private CrmEmulators() {
    }

    public static Emulators emulators() {
        return Holder.EMULATORS;
    }

    /** What reading a stream to its end gave: every page's records in order, the last cursor, and the pages read. */
    public record Read(List<ObjectNode> records, String cursor, int pages) {
    }

    public static Read readToEnd(SourceTask task, String stream, String cursor) {
        List<ObjectNode> records = new ArrayList<>();
        int pages = 0;
        while (true) {
            Page page = task.read(stream, cursor);
            pages++;
            records.addAll(page.records());
            cursor = page.cursor();
            if (page.last()) {
                return new Read(records, cursor, pages);
            }
        }
    }

    /** The lines of the demo data set whose own key names {@code instanceId}. */
    public static List<ObjectNode> townsendLines(String instanceId) {
        try (InputStream in = CrmEmulators.class.getResourceAsStream("/demo/townsend.ndjson")) {
            List<ObjectNode> lines = new ArrayList<>();
            for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (text.isBlank()) {
                    continue;
                }
                ObjectNode line = (ObjectNode) XdmJson.mapper().readTree(text);
                if (ownKey(line).contains("@" + instanceId + ".")) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line's primary key, e.g. {@code 001A1@crm-1.Salesforce}. */
    public static String ownKey(JsonNode line) {
        String field = switch (line.get("class").asString()) {
            case "opportunityPerson" -> "opportunityPersonKey";
            case "campaignMember" -> "campaignMemberKey";
            case "accountPerson" -> "accountPersonKey";
            case "marketingList" -> "marketingListKey";
            case "marketingListMember" -> "marketingListMemberKey";
            default -> line.get("class").asString() + "Key";
        };
        return line.get("data").get(field).asString();
    }

    public static Map<String, String> config(String... pairs) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }
}
