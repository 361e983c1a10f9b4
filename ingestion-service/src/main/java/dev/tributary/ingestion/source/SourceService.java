package dev.tributary.ingestion.source;

import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.SourceConnector;
import dev.tributary.ingestion.sync.Connectors;
import dev.tributary.ingestion.sync.RunRepository;
import dev.tributary.ingestion.sync.RunResponse;
import dev.tributary.ingestion.sync.RunSummary;
import dev.tributary.support.problem.BadRequestException;
import dev.tributary.xdm.json.XdmJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The source feature's facade. */
@Service
public class SourceService {

    private static final Logger log = LoggerFactory.getLogger(SourceService.class);

    private final SourceRepository sources;
    private final ConnectorSettings settings;
    private final Connectors connectors;
    private final SourceConfigs configs;
    private final RunRepository runs;
    private final TransactionTemplate transaction;
    /**
     * Sources found once, with the instances they may write. Every batch and event request names its source, and
     * a source's instances never change (an edit changes name, config and schedule only), so one seen to exist stays
     * so; the lookup would be a quarter of a 20-line request's CPU time. A source deletion, when it comes, must evict here.
     */
    private final Map<UUID, Set<String>> existing = new ConcurrentHashMap<>();

    SourceService(SourceRepository sources, ConnectorSettings settings, Connectors connectors, SourceConfigs configs,
                  RunRepository runs, PlatformTransactionManager transactions) {
        this.sources = sources;
        this.settings = settings;
        this.connectors = connectors;
        this.configs = configs;
        this.runs = runs;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Checks the request (for a connector type: its config against the connector's fields, then a real call through
     * {@code validate()}), and saves only a source that passed.
     */
    public SourceResponse create(CreateSourceRequest request) {
        List<String> instanceIds = request.instanceIds() == null ? List.of() : request.instanceIds();
        Optional<SourceType> pushType = SourceType.fromJsonName(request.type());
        if (pushType.isPresent()) {
            SourceConfigs.refuseConnectorSettings(request.type(), request.config(), request.schedule() != null);
            return transaction.execute(tx -> response(sources.save(
                    new Source(request.name().trim(), request.type(), request.instanceId(), instanceIds)), null, null));
        }
        SourceConnector connector = connectors.find(request.type())
                .orElseThrow(() -> new UnknownSourceTypeException(request.type(), validTypes()));
        ConfigCheck.Checked checked = ConfigCheck.check(connector.configFields(), request.config(), Map.of());
        List<Map<String, Object>> errors = new ArrayList<>(checked.errors());
        if (request.schedule() != null) {
            errors.addAll(request.schedule().errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidSourceException(errors);
        }
        List<Map<String, Object>> failures = configs.tryConfig(connector,
                new ConnectorConfig(null, request.instanceId(), checked.values()));
        if (!failures.isEmpty()) {
            throw new InvalidSourceException(failures);
        }
        SourceResponse created = transaction.execute(tx -> {
            Source source = sources.saveAndFlush(new Source(request.name().trim(), request.type(), request.instanceId(), instanceIds));
            settings.write(source.id(), checked.stored(), configs.seal(source.id(), checked.secrets()), checked.secrets().keySet(),
                    request.schedule());
            return response(source, null);
        });
        log.info("Source {} of type {} created", created.id(), created.type());
        return created;
    }

    /** Edits name, config and schedule; a connector source's config is checked and tried as on creation. */
    public SourceResponse update(String id, UpdateSourceRequest request) {
        Source source = find(id);
        if (request.name() != null && request.name().isBlank()) {
            throw new InvalidSourceException(List.of(SourceErrors.at("name", "must not be blank")));
        }
        Schedule schedule;
        try {
            schedule = request.schedule() == null || request.schedule().isNull() ? null
                    : XdmJson.mapper().treeToValue(request.schedule(), Schedule.class);
        } catch (RuntimeException e) {
            throw new InvalidSourceException(List.of(SourceErrors.at("schedule",
                    "must be {\"interval\":\"PT1H\"} or {\"cron\":\"0 0 * * * *\"}")));
        }
        ConnectorSettings.Settings current = settings.find(source.id()).orElseThrow();
        boolean scheduleGiven = request.schedule() != null;
        Optional<SourceConnector> connector = connectors.find(source.type());
        if (connector.isEmpty()) {
            SourceConfigs.refuseConnectorSettings(source.type(), request.config(), schedule != null);
            return transaction.execute(tx -> {
                Source stored = sources.findById(source.id()).orElseThrow();
                if (request.name() != null) {
                    stored.rename(request.name().trim());
                }
                return response(stored, null);
            });
        }
        Map<String, String> kept;
        try {
            kept = configs.openSecrets(source.id(), current.secrets());
        } catch (IllegalStateException e) {
            // sealed under another key: the edit must give the secrets again, which the required-field check says
            kept = Map.of();
        }
        ConfigCheck.Checked checked = ConfigCheck.check(connector.get().configFields(),
                request.config() != null ? request.config() : current.config(), kept);
        List<Map<String, Object>> errors = new ArrayList<>(checked.errors());
        if (schedule != null) {
            errors.addAll(schedule.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidSourceException(errors);
        }
        if (request.config() != null) {
            List<Map<String, Object>> failures = configs.tryConfig(connector.get(),
                    new ConnectorConfig(source.id().toString(), source.instanceId(), checked.values()));
            if (!failures.isEmpty()) {
                throw new InvalidSourceException(failures);
            }
        }
        Schedule newSchedule = scheduleGiven ? schedule : current.schedule();
        return transaction.execute(tx -> {
            Source stored = sources.findById(source.id()).orElseThrow();
            if (request.name() != null) {
                stored.rename(request.name().trim());
            }
            settings.write(stored.id(), checked.stored(), configs.seal(stored.id(), checked.secrets()), checked.secrets().keySet(),
                    newSchedule);
            return response(stored, runs.latest(stored.id()).orElse(null));
        });
    }

    public SourceResponse pause(String id, boolean paused) {
        Source source = find(id);
        settings.setPaused(source.id(), paused);
        log.info("Source {} {}", source.id(), paused ? "paused" : "resumed");
        return response(source, runs.latest(source.id()).orElse(null));
    }

    /** Tries the stored configuration with a real call; a 422 problem says why it failed. */
    public Map<String, Object> test(String id) {
        ConnectorSource source;
        try {
            source = connectorSource(requireConnectorSource(id));
        } catch (IllegalStateException e) {
            throw new SourceTestFailedException(List.of(SourceErrors.at("config", e.getMessage())));
        }
        List<Map<String, Object>> failures = configs.tryConfig(source.connector(), source.config());
        if (!failures.isEmpty()) {
            throw new SourceTestFailedException(failures);
        }
        return Map.of("ok", true);
    }

    @Transactional(readOnly = true)
    public List<SourceResponse> list() {
        Map<UUID, RunResponse> latest = runs.latest();
        Map<UUID, ConnectorSettings.Settings> all = settings.all();
        return sources.findAllByOrderByCreatedAtAsc().stream()
                .map(s -> response(s, all.get(s.id()), latest.get(s.id()))).toList();
    }

    @Transactional(readOnly = true)
    public SourceResponse get(String id) {
        Source source = find(id);
        return response(source, runs.latest(source.id()).orElse(null));
    }

    /** The types a source may have: the push-only ones and every connector's. */
    public List<SourceTypeResponse> types() {
        return Stream.concat(
                Stream.of(SourceType.values()).map(t -> new SourceTypeResponse(t.jsonName(), t.description(), true, List.of())),
                connectors.all().stream().map(c -> new SourceTypeResponse(c.type(), c.description(), false,
                        c.configFields().stream().map(SourceTypeResponse.Field::of).toList())))
                .toList();
    }

    /** The id of a connector-backed source; 404 if there is none, 400 if it is push only. */
    public UUID requireConnectorSource(String id) {
        Source source = find(id);
        if (connectors.find(source.type()).isEmpty()) {
            throw new BadRequestException("Source '" + id + "' is of type " + source.type()
                    + ", which is push only: it has no runs, its records are sent to it");
        }
        return source.id();
    }

    /** The id of an existing source of any type; 404 if there is none. */
    public UUID requireSource(String id) {
        return find(id).id();
    }

    /** A connector source with its secrets opened, for a run. */
    @Transactional(readOnly = true)
    public ConnectorSource connectorSource(UUID id) {
        Source source = sources.findById(id).orElseThrow(() -> new SourceNotFoundException(id.toString()));
        SourceConnector connector = connectors.find(source.type()).orElseThrow(() ->
                new IllegalStateException("source " + id + " is of type " + source.type() + ", which no connector serves"));
        return new ConnectorSource(id, connector, configs.of(source, connector, settings.find(id).orElseThrow()),
                source.writableInstances());
    }

    /** Connector sources that have a schedule and are not paused. */
    public List<ConnectorSource.Scheduled> scheduled() {
        Map<UUID, ConnectorSettings.Settings> all = settings.all();
        return sources.findAllByOrderByCreatedAtAsc().stream()
                .filter(s -> connectors.find(s.type()).isPresent())
                .filter(s -> all.get(s.id()) != null && all.get(s.id()).schedule() != null && !all.get(s.id()).paused())
                .map(s -> new ConnectorSource.Scheduled(s.id(), all.get(s.id()).schedule(), s.createdAt()))
                .toList();
    }

    /** The id of an existing source; ids arrive as path or query text, and a malformed one names no source. */
    public UUID requireExisting(String id) {
        UUID uuid = parseId(id);
        writableInstances(uuid, id);
        return uuid;
    }

    /**
     * The source instances whose records the source may carry as their own (primary key): its instanceId and its
     * declared instanceIds (ADR 0023).
     */
    public Set<String> writableInstances(UUID id) {
        return writableInstances(id, id.toString());
    }

    private Set<String> writableInstances(UUID uuid, String id) {
        Set<String> writable = existing.get(uuid);
        if (writable == null) {
            writable = sources.findById(uuid).map(Source::writableInstances).orElseThrow(() -> new SourceNotFoundException(id));
            existing.put(uuid, writable);
        }
        return writable;
    }

    private String validTypes() {
        return types().stream().map(SourceTypeResponse::type).collect(Collectors.joining(", "));
    }

    private Source find(String id) {
        return sources.findById(parseId(id)).orElseThrow(() -> new SourceNotFoundException(id));
    }

    private SourceResponse response(Source source, RunResponse lastRun) {
        return response(source, settings.find(source.id()).orElse(null), lastRun);
    }

    private static SourceResponse response(Source source, ConnectorSettings.Settings stored, RunResponse lastRun) {
        return new SourceResponse(source.id(), source.name(), source.type(), source.instanceId(), source.instanceIds(),
                source.createdAt(), stored == null ? XdmJson.mapper().createObjectNode() : stored.config(),
                stored == null ? List.of() : stored.secretsSet(), stored == null ? null : stored.schedule(),
                stored != null && stored.paused(), lastRun == null ? null : RunSummary.of(lastRun));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new SourceNotFoundException(id);
        }
    }
}
