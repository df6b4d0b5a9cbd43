package org.openconnector.event.delivery;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final DeliveryProperties props = new DeliveryProperties(true,
            List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)), 0.2, Duration.ofHours(1),
            Duration.ofSeconds(30), 16, 4, 10, Duration.ofMillis(100), 1024, Duration.ofDays(5), Duration.ofHours(24),
            Duration.ofHours(1), 200, Duration.ofMillis(10), true, Duration.ofSeconds(30), Duration.ofMillis(5));
    private final RetryPolicy policy = new RetryPolicy(props);

    @Test
    void followsTheScheduleWithinTheJitterAndStopsAfterIt() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1, null)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(6000));
            assertThat(policy.delay(3, null)).isBetween(Duration.ofMinutes(24), Duration.ofMinutes(36));
        }
        assertThat(props.maxAttempts()).isEqualTo(4);
        assertThat(policy.mayRetry(3)).isTrue();
        assertThat(policy.mayRetry(4)).isFalse();
    }

    @Test
    void honoursRetryAfterUpToTheCap() {
        assertThat(policy.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        assertThat(RetryPolicy.retryAfter(headers("120"))).isEqualTo(Duration.ofSeconds(120));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        assertThat(RetryPolicy.retryAfter(headers(inAMinute))).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
        assertThat(RetryPolicy.retryAfter(headers("soon"))).isNull();
        assertThat(RetryPolicy.retryAfter(headers("-5"))).isNull();
        assertThat(RetryPolicy.retryAfter(new HttpHeaders())).isNull();
    }

    private static HttpHeaders headers(String retryAfter) {
        HttpHeaders h = new HttpHeaders();
        h.add(HttpHeaders.RETRY_AFTER, retryAfter);
        return h;
    }
}
