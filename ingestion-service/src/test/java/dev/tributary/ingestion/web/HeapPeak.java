package dev.tributary.ingestion.web;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The heap this JVM (server and client alike) used at most while something ran, above what it used before. The sum
 * of each heap pool's peak bounds the heap's peak from above, so the number can only overstate.
 */
final class HeapPeak {

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    private long usedBefore;

    /** Starts measuring from a collected heap, so that garbage of earlier tests does not count. */
    static HeapPeak start() {
        HeapPeak peak = new HeapPeak();
        System.gc();
        peak.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        peak.usedBefore = peak.pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        return peak;
    }

    /** Bytes of heap used at the peak since {@link #start()}, above the heap used at the start. */
    long growth() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - usedBefore;
    }
}
