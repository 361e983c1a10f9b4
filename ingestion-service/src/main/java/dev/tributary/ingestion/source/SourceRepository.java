package dev.tributary.ingestion.source;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

interface SourceRepository extends JpaRepository<Source, UUID> {

    List<Source> findAllByOrderByCreatedAtAsc();
}
