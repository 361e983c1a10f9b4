package dev.tributary.bench;

/** {@code java -jar bench/target/bench.jar <ingest|segments|streaming|activation|connectors> [--scale=0.1] [--name=value...]} */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        // activation runs Spring Boot services in this JVM, which log through Logback; the client scenarios keep
        // kafka-clients silent. Chosen before the first logger, since both providers are on the classpath.
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.setProperty("slf4j.provider", ("activation".equals(options.scenario) || "connectors".equals(options.scenario))
                ? "ch.qos.logback.classic.spi.LogbackServiceProvider" : "org.slf4j.nop.NOPServiceProvider");
        if (options.scenario == null) {
            System.err.println("""
                    Usage: java -jar bench/target/bench.jar <ingest|segments|streaming|activation|connectors> [--scale=1.0] [--seed=42] [options]
                      common:    --token (CDP_API_TOKEN, else bench) --ingestion-url --profile-url --segmentation-url
                                 --jdbc-url=jdbc:postgresql://localhost:55432/postgres --kafka=localhost:59092 --out=bench-results
                      ingest:    --batch-lines=5000 --concurrency=4 --events-per-request=1000 --skip-events --warmup-scale=0.05 (0: cold JVM)
                                 --freshness-seconds=60 --freshness-warmup-seconds=30 --freshness-rates=1000,250 --tick-ms=20 --sample-every=200 --poll-ms=50
                      segments:  --repeat=3 (batch and floor runs per segment; the best is reported)
                      streaming: --people=10000 --seconds=60 --rate=1000 --won-share=0
                      activation: --members=100000 --feed=backfill|topic --changes=200 --interval-ms=300 --poll-ms=2
                                 (starts activation-service, the Marketo emulator, PostgreSQL and Kafka in this JVM)
                      connectors: --scale=1.0 (10,000 records per system; the emulators in this JVM, no service)""");
            System.exit(2);
        }
        switch (options.scenario) {
            case "ingest" -> new IngestBench(options).run();
            case "segments" -> new SegmentsBench(options).run();
            case "streaming" -> new StreamingBench(options).run();
            case "activation" -> new ActivationBench(options).run();
            case "connectors" -> new ConnectorsBench(options).run();
            default -> {
                System.err.println("unknown scenario " + options.scenario);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
