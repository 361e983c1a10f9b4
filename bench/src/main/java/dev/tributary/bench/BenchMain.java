package dev.tributary.bench;

/** {@code java -jar bench/target/bench.jar <ingest|segments|streaming> [--scale=0.1] [--name=value...]} */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        if (options.scenario == null) {
            System.err.println("""
                    Usage: java -jar bench/target/bench.jar <ingest|segments|streaming> [--scale=1.0] [--seed=42] [options]
                      common:    --token (CDP_API_TOKEN, else bench) --ingestion-url --profile-url --segmentation-url
                                 --jdbc-url=jdbc:postgresql://localhost:55432/postgres --kafka=localhost:59092 --out=bench-results
                      ingest:    --batch-lines=5000 --concurrency=4 --events-per-request=1000 --skip-events --warmup-scale=0.05 (0: cold JVM)
                                 --freshness-seconds=60 --freshness-warmup-seconds=30 --freshness-rates=1000,250 --tick-ms=20 --sample-every=200 --poll-ms=50
                      segments:  --repeat=3 (batch and floor runs per segment; the best is reported)
                      streaming: --people=10000 --seconds=60 --rate=1000 --won-share=0""");
            System.exit(2);
        }
        switch (options.scenario) {
            case "ingest" -> new IngestBench(options).run();
            case "segments" -> new SegmentsBench(options).run();
            case "streaming" -> new StreamingBench(options).run();
            default -> {
                System.err.println("unknown scenario " + options.scenario);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
