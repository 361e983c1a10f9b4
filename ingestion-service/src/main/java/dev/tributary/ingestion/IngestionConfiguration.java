package dev.tributary.ingestion;

import dev.tributary.ingestion.batch.RejectedContentPurge;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.validation.XdmValidator;
import dev.tributary.support.web.BodyLimit;
import dev.tributary.support.web.BodyLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IngestionConfiguration {

    /** Clears rejected lines' content past its retention (ADR 0023). */
    @Bean
    SchedulingConfigurer rejectedContentPurgeSchedule(RejectedContentPurge purge, IngestionProperties properties) {
        return registrar -> registrar.addFixedDelayTask(purge::purge, properties.rejectedContentPurgeInterval());
    }

    /** Loads and compiles every XDM schema once; thread-safe. */
    @Bean
    XdmValidator xdmValidator(IngestionProperties properties) {
        return new XdmValidator(XdmJson.mapper(), Clock.systemUTC(), properties.futureTolerance());
    }

    /** Batches and events are streamed and larger than every other call's body (ADR 0023). */
    @Bean
    BodyLimits ingestionBodyLimits(IngestionProperties properties) {
        return BodyLimits.of(
                BodyLimit.streamed("/v1/sources/{sourceId}/records", properties.maxBatchBytes(), "cdp.ingestion.max-batch-bytes"),
                BodyLimit.streamed("/v1/events", properties.maxEventsBytes(), "cdp.ingestion.max-events-bytes"));
    }

    /** Replaces Boot's listener, which logs the failed message's value: records carry emails and names. */
    @Bean
    LoggingProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }
}
