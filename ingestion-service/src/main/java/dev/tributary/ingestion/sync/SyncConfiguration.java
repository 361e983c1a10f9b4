package dev.tributary.ingestion.sync;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    /** Starts due connector runs and keeps the running ones' leases (ADR 0027). */
    @Bean
    SchedulingConfigurer connectorSchedule(SyncScheduler scheduler, ConnectorProperties properties) {
        return registrar -> registrar.addFixedDelayTask(scheduler::tick, properties.poll());
    }
}
