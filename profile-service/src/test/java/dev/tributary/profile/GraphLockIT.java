package dev.tributary.profile;

import dev.tributary.profile.ProfileFixtures.Line;
import dev.tributary.profile.ingest.ProfileUpdates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Page views are stored beside a record batch that only changes attributes, and wait for one that
 * changes identity links (a merge committing meanwhile would miss them).
 */
@ProfileIntegrationTest
class GraphLockIT {

    @Autowired
    ProfileUpdates updates;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void townsend() {
        ProfileFixtures.truncate(jdbc);
        updates.applyRecords(ProfileFixtures.townsend().stream().map(ProfileFixtures::incoming).toList());
    }

    @Test
    void shouldStorePageViewsWhileABatchOfAttributeUpdatesIsInProgress() throws Exception {
        Line newTitle = ProfileFixtures.find(ProfileFixtures.townsend(), "003P1@crm-1.Salesforce").copy();
        newTitle.data().withObject("extendedWorkDetails").put("jobTitle", "CTO");
        newTitle.data().withObject("extSourceSystemAudit").put("lastUpdatedDate", "2026-11-20T09:00:00Z");

        withRecordBatchOpen(newTitle, () -> {
            CompletableFuture<Void> view = CompletableFuture.runAsync(() -> updates.applyEvents(List.of(pageView())));
            view.get(20, TimeUnit.SECONDS);
        });
        assertThat(jdbc.sql("SELECT count(*) FROM profile.experience_event WHERE person_id IS NOT NULL").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void shouldMakePageViewsWaitForABatchThatChangesIdentityLinks() throws Exception {
        Line newPerson = ProfileFixtures.find(ProfileFixtures.townsend(), "003P1@crm-1.Salesforce").copy();
        newPerson.data().put("personKey", "003P9@crm-1.Salesforce");
        newPerson.data().withObject("workEmail").put("address", "p9@townsend.com");

        CompletableFuture<Void>[] view = new CompletableFuture[1];
        withRecordBatchOpen(newPerson, () -> {
            view[0] = CompletableFuture.runAsync(() -> updates.applyEvents(List.of(pageView())));
            assertThatThrownBy(() -> view[0].get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        });
        view[0].get(20, TimeUnit.SECONDS);
        assertThat(jdbc.sql("SELECT count(*) FROM profile.experience_event WHERE person_id IS NOT NULL").query(Long.class).single())
                .isEqualTo(1);
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Applies {@code line} in a transaction that stays open while {@code check} runs. */
    private void withRecordBatchOpen(Line line, Check check) throws Exception {
        CountDownLatch applied = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            updates.applyRecords(List.of(ProfileFixtures.incoming(line)));
            applied.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(applied.await(30, TimeUnit.SECONDS)).as("record batch applied").isTrue();
        try {
            check.run();
        } finally {
            release.countDown();
            batch.get(30, TimeUnit.SECONDS);
        }
    }

    private static ProfileUpdates.IncomingEvent pageView() {
        return new ProfileUpdates.IncomingEvent(UUID.randomUUID().toString(), "b2b_person", "003P1@crm-1.Salesforce",
                "web.webpagedetails.pageViews", Instant.parse("2026-11-20T10:00:00Z"), "https://bodea.com/products/new",
                "New product", null, "web");
    }
}
