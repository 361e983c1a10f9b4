package dev.tributary.bench;

import dev.tributary.emulators.Emulators;
import dev.tributary.emulators.dynamics.DynamicsHandle;
import dev.tributary.emulators.marketo.MarketoHandle;
import dev.tributary.emulators.salesforce.SalesforceHandle;
import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.SourceConnector;
import dev.tributary.ingestion.connector.SourceTask;
import dev.tributary.ingestion.connector.dynamics.DynamicsSourceConnector;
import dev.tributary.ingestion.connector.marketo.MarketoSourceConnector;
import dev.tributary.ingestion.connector.mdm.MdmSourceConnector;
import dev.tributary.ingestion.connector.salesforce.SalesforceSourceConnector;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code connectors}: full syncs of realistic volumes from the emulators (in this JVM), each connector read the way a
 * run reads it ({@code SourceConnector.open(...).read(...)} stream by stream, page by page, retrying what the run loop
 * retries), without publishing. Reports records/s pulled and API calls per 10,000 records per system.
 */
final class ConnectorsBench {

    private static final String MARKETO = "bench-mkto";
    private static final String SALESFORCE = "bench-crm-1";
    private static final String DYNAMICS = "bench-crm-2";
    private static final String CLIENT_ID = "bench-client";
    private static final String CLIENT_SECRET = "bench-secret";
    /** Marketo's documented default daily quota of REST calls. */
    private static final long MARKETO_DAILY_CALLS = 50_000;

    private final Options options;
    private final int records;

    ConnectorsBench(Options options) {
        this.options = options;
        this.records = Math.max(100, (int) Math.round(10_000 * options.dbl("scale", 1.0)));
    }

    void run() throws Exception {
        // the emulators' limits stay enforced: the connectors must live within them
        try (Emulators emulators = Emulators.builder()
                .marketoInstance(MARKETO, CLIENT_ID, CLIENT_SECRET)
                .salesforceInstance(SALESFORCE, CLIENT_ID, CLIENT_SECRET)
                .dynamicsInstance(DYNAMICS, CLIENT_ID, CLIENT_SECRET)
                .start()) {
            System.out.printf("connectors: %d records per system, seeding the emulators%n", records);
            List<Result> results = new ArrayList<>();
            results.add(marketo(emulators.marketo(MARKETO)));
            results.add(salesforce(emulators.salesforce(SALESFORCE)));
            results.add(dynamics(emulators.dynamics(DYNAMICS)));
            results.add(mdm());
            System.out.printf("%n| system | records and events | API calls | seconds | per second | calls per 10,000 |%n|---|---|---|---|---|---|%n");
            for (Result result : results) {
                System.out.printf("| %s | %,d | %,d | %.1f | %,.0f | %.1f |%n", result.system, result.records, result.calls,
                        result.seconds, result.records / result.seconds, result.calls * 10_000.0 / result.records);
            }
            Result marketo = results.get(0);
            // linear in the leads (each with its company share and one web visit): fixed costs make it an upper bound
            double callsPerMillion = marketo.calls * 1_000_000.0 / records;
            System.out.printf("%nMarketo: a 1,000,000-lead full sync at this rate costs at most ~%,.0f calls, %.2f%% of the %,d daily calls%n",
                    callsPerMillion, 100 * callsPerMillion / MARKETO_DAILY_CALLS, MARKETO_DAILY_CALLS);
        }
    }

    private Result marketo(MarketoHandle marketo) {
        int companies = Math.max(1, records / 100);
        Instant created = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (int company = 1; company <= companies; company++) {
            marketo.seedCompany((long) company, Map.of("externalCompanyId", "001C" + company, "company", "Company " + company,
                    "createdAt", created.toString(), "updatedAt", created.toString()));
        }
        for (int i = 1; i <= records; i++) {
            long lead = marketo.seedLead(Map.of("email", "lead" + i + "@bench.example", "leadScore", i % 100,
                    "externalCompanyId", "001C" + (1 + i % companies), "createdAt", created.toString(),
                    "updatedAt", created.toString()));
            marketo.seedWebVisit(lead, "https://bench.example/products/" + (i % 50), created.plusSeconds(i % 86_400));
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("baseUrl", marketo.baseUrl());
        config.put("munchkinId", MARKETO);
        config.put("clientId", CLIENT_ID);
        config.put("clientSecret", CLIENT_SECRET);
        config.put("crmInstanceId", SALESFORCE);
        config.put("batchSize", "10000");
        config.put("since", created.minus(1, ChronoUnit.HOURS).toString());
        // the emulator moves an export one step per status poll: waiting between polls would measure the wait
        config.put("bulkPollSeconds", "0");
        return sync("Marketo (bulk extract, leads + web visits)", new MarketoSourceConnector(), config, MARKETO);
    }

    private Result salesforce(SalesforceHandle salesforce) {
        int accounts = Math.max(1, records / 100);
        for (int a = 0; a < accounts; a++) {
            salesforce.seed("Account", Map.of("Id", "001B" + a, "Name", "Account " + a, "Website", "a" + a + ".example"));
        }
        for (int i = 0; i < records / 2; i++) {
            salesforce.seed("Contact", Map.of("AccountId", "001B" + (i % accounts), "FirstName", "F" + i, "LastName", "L" + i,
                    "Email", "c" + i + "@bench.example"));
            salesforce.seed("Opportunity", Map.of("AccountId", "001B" + (i % accounts), "Name", "Opportunity " + i,
                    "Amount", 1000 + i, "StageName", "Closed Won", "IsWon", true, "IsClosed", true, "CloseDate", "2026-06-30"));
        }
        return sync("Salesforce (queryAll, batchSize 2000)", new SalesforceSourceConnector(), Map.of(
                "baseUrl", salesforce.baseUrl(), "clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "batchSize", "2000"),
                SALESFORCE);
    }

    private Result dynamics(DynamicsHandle dynamics) {
        for (int i = 0; i < records; i++) {
            dynamics.seed("contacts", Map.of("firstname", "F" + i, "lastname", "L" + i, "emailaddress1", "d" + i + "@bench.example"));
        }
        return sync("Dynamics 365 (maxpagesize 5000)", new DynamicsSourceConnector(), Map.of("baseUrl", dynamics.baseUrl(),
                "tokenUrl", dynamics.tokenUrl(), "clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "pageSize", "5000"), DYNAMICS);
    }

    private Result mdm() throws IOException {
        Path file = Files.createTempFile("bench-mdm-", ".ndjson");
        try {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < records; i++) {
                lines.append("{\"goldenId\":\"G-").append(i).append("\",\"entity\":\"account\",\"name\":\"Golden ").append(i)
                        .append("\",\"domain\":\"g").append(i).append(".example\",\"lastUpdated\":\"2026-10-02T09:00:00Z\",")
                        .append("\"sourceKeys\":[\"").append(i).append("@mkto-1.Marketo\",\"001X").append(i)
                        .append("@crm-1.Salesforce\"]}\n");
            }
            Files.writeString(file, lines);
            return sync("MDM (NDJSON file)", new MdmSourceConnector(), Map.of("location", file.toString()), "bench-mdm");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Every stream from the beginning, as a full sync's run loop reads it: retriable failures and rate limits waited out. */
    private Result sync(String system, SourceConnector connector, Map<String, String> values, String instanceId) {
        CountingContext context = new CountingContext();
        Map<String, String> withDefaults = new HashMap<>(values);
        // as the sources API does before a run: declared defaults fill what the configuration leaves out
        connector.configFields().stream().filter(field -> field.defaultValue() != null)
                .forEach(field -> withDefaults.putIfAbsent(field.name(), field.defaultValue()));
        ConnectorConfig config = new ConnectorConfig("bench-" + instanceId, instanceId, withDefaults);
        long started = System.nanoTime();
        long pulled = 0;
        try (SourceTask task = connector.open(config, context)) {
            for (String stream : connector.streams()) {
                String cursor = null;
                Page page;
                do {
                    page = read(task, stream, cursor);
                    pulled += page.records().size() + page.events().size();
                    cursor = page.cursor();
                } while (!page.last());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  %s: %,d records and events in %,d calls, %.1f s%n", system, pulled, context.calls.get(), seconds);
        return new Result(system, pulled, context.calls.get(), seconds);
    }

    private static Page read(SourceTask task, String stream, String cursor) {
        for (int attempt = 1; ; attempt++) {
            try {
                return task.read(stream, cursor);
            } catch (ConnectorException e) {
                boolean waitable = e.kind() == ConnectorException.Kind.RATE_LIMITED || e.kind() == ConnectorException.Kind.RETRIABLE;
                if (!waitable || attempt >= 10) {
                    throw e;
                }
                Duration wait = e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(1);
                System.out.printf("  %s: %s, waiting %s%n", stream, e.getMessage(), wait);
                sleep(wait);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Result(String system, long records, int calls, double seconds) {
    }

    /** The framework's context without its rate budgets: every HTTP call counted. */
    private static final class CountingContext implements ConnectorContext {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler) {
            calls.incrementAndGet();
            try {
                return http.send(request, bodyHandler);
            } catch (IOException e) {
                throw ConnectorException.retriable(request.method() + " " + request.uri().getPath() + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ConnectorException.retriable("interrupted", e);
            }
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    }
}
