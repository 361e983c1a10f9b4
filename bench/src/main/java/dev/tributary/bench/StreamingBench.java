package dev.tributary.bench;

final class StreamingBench {
    private final Options options;

    StreamingBench(Options options) {
        this.options = options;
    }

    void run() throws Exception {
        throw new UnsupportedOperationException("not yet");
    }
}
