package dev.tributary.support.health;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;

/** One Kafka admin client per service, opened on first use, for the Kafka health indicator and the lag gauges. */
public class SharedAdminClient implements DisposableBean {

    private final KafkaAdmin kafkaAdmin;
    private Admin admin;

    public SharedAdminClient(KafkaAdmin kafkaAdmin) {
        this.kafkaAdmin = kafkaAdmin;
    }

    public synchronized Admin get() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
