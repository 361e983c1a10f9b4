package dev.tributary.segmentation;

import dev.tributary.embedded.SharedInfrastructureInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** The shared PostgreSQL and Kafka, and the upstream services running before the segmentation context. */
public class SegmentationTestInitializer extends SharedInfrastructureInitializer {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        UpstreamServices.start();
    }
}
