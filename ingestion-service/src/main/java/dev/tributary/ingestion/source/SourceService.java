package dev.tributary.ingestion.source;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The source feature's facade. */
@Service
public class SourceService {

    private final SourceRepository sources;
    /**
     * Sources found once, with the instances they may write. Every batch and event request names its source, and
     * sources are never changed or deleted, so one seen to exist stays so; the lookup would be a quarter of a 20-line
     * request's CPU time. A source update or deletion, when it comes, must evict here.
     */
    private final Map<UUID, Set<String>> existing = new ConcurrentHashMap<>();

    SourceService(SourceRepository sources) {
        this.sources = sources;
    }

    @Transactional
    public SourceResponse create(CreateSourceRequest request) {
        SourceType type = SourceType.fromJsonName(request.type())
                .orElseThrow(() -> new UnknownSourceTypeException(request.type()));
        List<String> instanceIds = request.instanceIds() == null ? List.of() : request.instanceIds();
        return SourceResponse.of(sources.save(new Source(request.name().trim(), type, request.instanceId(), instanceIds)));
    }

    @Transactional(readOnly = true)
    public List<SourceResponse> list() {
        return sources.findAllByOrderByCreatedAtAsc().stream().map(SourceResponse::of).toList();
    }

    @Transactional(readOnly = true)
    public SourceResponse get(String id) {
        return SourceResponse.of(sources.findById(parseId(id)).orElseThrow(() -> new SourceNotFoundException(id)));
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

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new SourceNotFoundException(id);
        }
    }
}
