package dev.tributary.activation.delivery;

/** Counts of one delivery run, summed over its rounds. */
final class Tally {
    int added;
    int removed;
    int failed;
    int held;

    /** Counts a row settled without a call adding it: removed, held or failed. */
    void settled(String status) {
        switch (status) {
            case "removed" -> removed++;
            case "held" -> held++;
            case "failed" -> failed++;
            default -> {
            }
        }
    }
}
