package org.openconnector.job.log;

import org.openconnector.job.Rows;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a job as OpenConnector's JobLog schema shows it ({@code executionTime} in ms), plus
 * what the clustered scheduler knows: {@code status} (running, awaiting, succeeded, failed), the
 * {@code plannedAt} time it ran for, when it {@code started} and {@code finished}, which replica ({@code instanceId}) ran which {@code attempt},
 * whether it was run by hand ({@code manual}, {@code forced}) and a structured {@code result}.
 */
public record JobLogView(String id, String uuid, String level, String message, String jobId, String jobListId,
                         String jobClass, JsonNode arguments, Long executionTime, String userId, String sessionId,
                         JsonNode stackTrace, Instant expires, Instant lastRun, Instant nextRun, Instant created,
                         String status, Instant plannedAt, Instant started, Instant finished, String instanceId, int attempt,
                         boolean forced, boolean manual, JsonNode result) {

    /** The columns to select (jsonb as text) for {@link #of}. */
    public static final String COLUMNS = "*, arguments::text as arguments_text, stack_trace::text as stack_trace_text, "
            + "result::text as result_text";

    public static JobLogView of(Map<String, Object> row, JsonMapper json) {
        String id = Rows.string(row, "id");
        return new JobLogView(id, id, Rows.string(row, "level"), Rows.string(row, "message"), Rows.string(row, "job_id"),
                null, Rows.string(row, "job_class"), Rows.json(row, "arguments_text", json),
                Rows.longOrNull(row, "execution_time"), Rows.string(row, "user_id"), Rows.string(row, "session_id"),
                Rows.json(row, "stack_trace_text", json), Rows.instant(row, "expires"), Rows.instant(row, "last_run"),
                Rows.instant(row, "next_run"), Rows.instant(row, "created"), Rows.string(row, "status"),
                Rows.instant(row, "planned_at"), Rows.instant(row, "started"), Rows.instant(row, "finished"), Rows.string(row, "instance_id"),
                Rows.integer(row, "attempt"), Rows.bool(row, "forced"), Rows.bool(row, "manual"),
                Rows.json(row, "result_text", json));
    }

    public boolean finishedRun() {
        return "succeeded".equals(status) || "failed".equals(status);
    }
}
