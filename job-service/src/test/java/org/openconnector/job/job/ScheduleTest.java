package org.openconnector.job.job;

import org.junit.jupiter.api.Test;
import org.openconnector.common.error.ApiException;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00.250Z");
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void intervalAdvancesFromThePlannedTimeNotFromWhenTheRunStarted() {
        Schedule every5s = new Schedule(5, null);
        // claimed 700 ms late: the next run is still planned 5 s after the previous planned time
        assertThat(every5s.next(T, T.plusMillis(700), WINDOW)).isEqualTo(T.plusSeconds(5));
    }

    @Test
    void lateRunsWithinTheCatchUpWindowAreKeptOlderSlotsFoldIntoOne() {
        Schedule everySecond = new Schedule(1, null);
        assertThat(everySecond.next(T, T.plusSeconds(30), WINDOW)).isEqualTo(T.plusSeconds(1));
        assertThat(everySecond.next(T, T.plusSeconds(3600), WINDOW)).isEqualTo(T.plusSeconds(3601));
    }

    @Test
    void firstRunIsNowOrScheduleAfter() {
        Schedule hourly = new Schedule(3600, null);
        assertThat(hourly.first(T, null)).isEqualTo(T);
        assertThat(hourly.first(T, T.minusSeconds(10))).isEqualTo(T);
        assertThat(hourly.first(T, T.plusSeconds(90))).isEqualTo(T.plusSeconds(90));
    }

    @Test
    void cronRunsAtItsTimesInUtc() {
        Schedule quarterHour = new Schedule(3600, "*/15 * * * *");
        assertThat(quarterHour.first(T, null)).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(quarterHour.next(Instant.parse("2026-03-01T10:15:00Z"), Instant.parse("2026-03-01T10:15:00.300Z"), WINDOW))
                .isEqualTo(Instant.parse("2026-03-01T10:30:00Z"));
        assertThat(quarterHour.next(Instant.parse("2026-03-01T10:15:00Z"), Instant.parse("2026-03-01T18:01:00Z"), WINDOW))
                .isEqualTo(Instant.parse("2026-03-01T18:15:00Z"));
        assertThat(new Schedule(3600, "0 9 * * 1").first(T, null)).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Test
    void invalidCronIsAValidationProblemSayingWhy() {
        for (String bad : new String[]{"not a cron", "61 * * * *", "* * * *", "0 0 32 * *"}) {
            assertThatThrownBy(() -> Schedule.validateCron(bad))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.propertyPath()).isEqualTo("cron"));
                        assertThat(e.getMessage()).contains("Invalid cron expression '" + bad + "'");
                    });
        }
    }
}
