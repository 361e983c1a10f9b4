package dev.tributary.activation;

import dev.tributary.embedded.SharedInfrastructureInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/** The shared PostgreSQL and Kafka, and what activation reads and writes upstream, before the context starts. */
public class ActivationTestInitializer extends SharedInfrastructureInitializer {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        TestUpstreams.start();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("activation-upstreams",
                Map.of("cdp.activation.segmentation-url", TestUpstreams.segmentation().url())));
    }
}
