package dev.tributary.segmentation.definition;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface SegmentRepository extends JpaRepository<Segment, String> {

    List<Segment> findAllByOrderByCreatedAtAsc();
}
