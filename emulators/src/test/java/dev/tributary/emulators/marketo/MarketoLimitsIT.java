package dev.tributary.emulators.marketo;

import dev.tributary.emulators.LimitMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MarketoLimitsIT extends MarketoTestSupport {

    private static final String LOOKUP = "/v1/leads.json?filterType=email&filterValues=a@acme.com";

    @Test
    void shouldRefuseThe101stCallIn20SecondsWith606AndCountNoViolation() {
        EMULATORS.freezeClock();
        String token = token();
        for (int i = 0; i < 100; i++) {
            assertThat(get(LOOKUP, token).json().get("success").asBoolean()).as("call %d", i + 1).isTrue();
        }

        Reply refused = get(LOOKUP, token);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(errorCode(refused)).isEqualTo("606");
        assertThat(marketo().stats().refused()).containsEntry("606", 1L);
        assertThat(marketo().stats().violationCount()).isZero();
        EMULATORS.advanceClock(Duration.ofSeconds(20));
        assertThat(get(LOOKUP, token).json().get("success").asBoolean()).as("the window has moved on").isTrue();
    }

    @Test
    void shouldServeAndCountARateViolationWhenLimitsAreObserved() {
        EMULATORS.freezeClock();
        String token = token();
        marketo().limitMode(LimitMode.OBSERVE);
        for (int i = 0; i < 100; i++) {
            get(LOOKUP, token);
        }

        Reply served = get(LOOKUP, token);

        assertThat(served.json().get("success").asBoolean()).isTrue();
        assertThat(marketo().stats().violations()).containsEntry("rate", 1L);
        assertThat(marketo().stats().refused()).isEmpty();
    }

    @Test
    void shouldRefuseThe11thConcurrentCallWith615() {
        String token = token();
        EMULATORS.pause();
        List<CompletableFuture<Reply>> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(sendAsync(getRequest(LOOKUP, token)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> EMULATORS.heldCalls() == 10);

        Reply eleventh = get(LOOKUP, token);
        EMULATORS.resume();

        assertThat(errorCode(eleventh)).isEqualTo("615");
        assertThat(held).allSatisfy(call -> assertThat(call.join().json().get("success").asBoolean()).isTrue());
        assertThat(marketo().stats().refused()).containsEntry("615", 1L);
        assertThat(marketo().stats().violationCount()).isZero();
        assertThat(marketo().inFlight()).isZero();
    }

    @Test
    void shouldAnswer607OnceTheDailyQuotaIsUsedUntilTheNextDay() {
        String token = token();
        marketo().dailyQuota(3);
        for (int i = 0; i < 3; i++) {
            assertThat(get(LOOKUP, token).json().get("success").asBoolean()).isTrue();
        }

        assertThat(errorCode(get(LOOKUP, token))).isEqualTo("607");

        EMULATORS.advanceClock(Duration.ofDays(1));
        String renewed = token();
        assertThat(get(LOOKUP, renewed).json().get("success").asBoolean()).isTrue();
    }

    @Test
    void shouldAnswerInjectedErrorCodesAndStatusesToTheNextCallsOnlyWithoutCountingViolations() {
        String token = token();
        marketo().failNext(2, "606");
        marketo().failNextWithStatus(1, 502);

        Reply first = get(LOOKUP, token);
        Reply second = get(LOOKUP, token);
        Reply third = get(LOOKUP, token);
        Reply fourth = get(LOOKUP, token);

        assertThat(errorCode(first)).isEqualTo("606");
        assertThat(errorCode(second)).isEqualTo("606");
        assertThat(third.status()).isEqualTo(502);
        assertThat(fourth.json().get("success").asBoolean()).isTrue();
        assertThat(marketo().stats().injected()).containsEntry("606", 2L).containsEntry("http502", 1L);
        assertThat(marketo().stats().violationCount()).isZero();
    }

    @Test
    void shouldAnswerSlowlyAfterAnInjectedDelay() {
        String token = token();
        marketo().delayNext(1, Duration.ofMillis(400));

        long started = System.nanoTime();
        Reply slow = get(LOOKUP, token);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(slow.json().get("success").asBoolean()).isTrue();
        assertThat(tookMillis).isGreaterThanOrEqualTo(400);
        assertThat(marketo().stats().injected()).containsEntry("delay", 1L);
    }

    @Test
    void shouldServeAndCountAConcurrencyViolationWhenLimitsAreObserved() {
        String token = token();
        marketo().limitMode(LimitMode.OBSERVE);
        EMULATORS.pause();
        List<CompletableFuture<Reply>> held = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            held.add(sendAsync(getRequest(LOOKUP, token)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> EMULATORS.heldCalls() == 11);

        EMULATORS.resume();

        assertThat(held).allSatisfy(call -> assertThat(call.join().json().get("success").asBoolean()).isTrue());
        assertThat(marketo().stats().violations()).containsEntry("concurrency", 1L);
        assertThat(marketo().stats().refused()).isEmpty();
    }
}
