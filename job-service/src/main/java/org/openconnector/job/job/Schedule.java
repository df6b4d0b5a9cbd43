package org.openconnector.job.job;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.openconnector.common.error.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a job runs: every {@code interval} seconds, or at the times of a cron expression (Unix,
 * five fields, UTC). The next run is reckoned from the planned time of the run just claimed, not
 * from when it started, so runs do not drift. A run that starts late does not cost the following
 * ones: planned times already past are still run (catching up) while they are within the
 * catch-up window; slots older than that (e.g. every replica was down for hours) are folded into
 * one run instead of being replayed one after another.
 *
 * @param intervalSeconds the interval, when there is no cron
 * @param cron            the cron expression, or null
 */
public record Schedule(int intervalSeconds, String cron) {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, ExecutionTime> PARSED = new ConcurrentHashMap<>();

    /** Parses {@code cron}; a 400 problem saying what is wrong when it is not a valid Unix cron expression. */
    public static void validateCron(String cron) {
        executionTime(cron);
    }

    /** The first run of a new (or re-enabled) job: as soon as allowed. */
    public Instant first(Instant now, Instant scheduleAfter) {
        Instant start = scheduleAfter != null && scheduleAfter.isAfter(now) ? scheduleAfter : now;
        return cron == null ? start : cronAfter(start.minusMillis(1));
    }

    /**
     * The planned time after the run planned at {@code planned}: the next slot, unless that is more
     * than {@code catchUpWindow} before {@code now}, then the first slot after {@code now}.
     */
    public Instant next(Instant planned, Instant now, Duration catchUpWindow) {
        Instant oldestKept = now.minus(catchUpWindow);
        if (cron != null) {
            Instant next = cronAfter(planned);
            return next.isBefore(oldestKept) ? cronAfter(now) : next;
        }
        long step = intervalSeconds * 1000L;
        Instant next = planned.plusMillis(step);
        if (next.isBefore(oldestKept)) {
            long missed = (now.toEpochMilli() - planned.toEpochMilli()) / step;
            next = planned.plusMillis((missed + 1) * step);
        }
        return next;
    }

    private Instant cronAfter(Instant t) {
        return executionTime(cron).nextExecution(ZonedDateTime.ofInstant(t, ZoneOffset.UTC))
                .map(ZonedDateTime::toInstant)
                .orElseThrow(() -> ApiException.validation("cron", "cron expression '" + cron + "' never fires again"));
    }

    private static ExecutionTime executionTime(String cron) {
        ExecutionTime cached = PARSED.get(cron);
        if (cached != null) {
            return cached;
        }
        try {
            ExecutionTime parsed = ExecutionTime.forCron(UNIX.parse(cron).validate());
            if (PARSED.size() < 10_000) {
                PARSED.put(cron, parsed);
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cron", "Invalid cron expression '" + cron + "': " + e.getMessage()
                    + " (expected 5 fields: minute hour day-of-month month day-of-week)");
        }
    }
}
