package dev.tributary.ingestion.source;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/** The source feature's facade. */
@Service
public class SourceService {

    private final SourceRepository sources;

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
    @Transactional(readOnly = true)
    public UUID requireExisting(String id) {
        UUID uuid = parseId(id);
        if (!sources.existsById(uuid)) {
            throw new SourceNotFoundException(id);
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
