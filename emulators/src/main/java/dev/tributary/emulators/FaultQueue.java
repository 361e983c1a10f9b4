package dev.tributary.emulators;

import java.util.ArrayDeque;
import java.util.Deque;

/** The faults the next calls get, in order, one per call. */
public final class FaultQueue {

    private final Deque<Fault> pending = new ArrayDeque<>();

    public synchronized void add(Fault fault, int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        for (int i = 0; i < calls; i++) {
            pending.addLast(fault);
        }
    }

    public synchronized Fault next() {
        return pending.pollFirst();
    }

    public synchronized int pending() {
        return pending.size();
    }

    public synchronized void clear() {
        pending.clear();
    }
}
