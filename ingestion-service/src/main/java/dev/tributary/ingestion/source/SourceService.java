package dev.tributary.ingestion.source;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The source feature's facade. */
@Service
public class SourceService {

    private final SourceRepository sources;
    /**
     * Sources found once. Every batch and event request names its source, and sources are never deleted, so
     * one seen to exist stays so; the lookup was a quarter of a 20-line request's CPU time. A source
     * deletion, when it comes, must evict here.
     */
    private final Set<UUID> existing = ConcurrentHashMap.newKeySet();

    SourceService(SourceRepository sources) {
        this.sources = sources;
    }

    @Transactional
    public SourceResponse create(CreateSourceRequest request) {
        SourceType type = SourceType.fromJsonName(request.type())
                .orElseThrow(() -> new UnknownSourceTypeException(request.type()));
        return SourceResponse.of(sources.save(new Source(request.name().trim(), type, request.instanceId())));
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
        if (!existing.contains(uuid)) {
            if (!sources.existsById(uuid)) {
                throw new SourceNotFoundException(id);
            }
            existing.add(uuid);
        }
        return uuid;
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new SourceNotFoundException(id);
        }
    }
}
