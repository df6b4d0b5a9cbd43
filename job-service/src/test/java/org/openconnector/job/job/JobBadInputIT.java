package org.openconnector.job.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openconnector.common.test.ProblemAnswers;
import org.openconnector.job.JobIT;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every endpoint answers bad input with a 4xx problem+json, never a 5xx. */
class JobBadInputIT extends JobIT {

    private static final String OK = "\"name\":\"n\",\"jobClass\":\"EventAction\",\"arguments\":{\"eventType\":\"a.b\"}";
    private static final String UNKNOWN = "/api/v1/jobs/" + UUID.randomUUID();

    static Stream<Arguments> badRequests() {
        return Stream.of(
                arguments("malformed JSON", "POST", "/api/v1/jobs", "{\"name\":", 400, null),
                arguments("not an object", "POST", "/api/v1/jobs", "[1,2]", 400, null),
                arguments("empty body", "POST", "/api/v1/jobs", "", 400, null),
                arguments("missing name", "POST", "/api/v1/jobs", "{\"jobClass\":\"EventAction\",\"arguments\":{\"eventType\":\"a\"}}", 400, "name"),
                arguments("missing jobClass", "POST", "/api/v1/jobs", "{\"name\":\"n\"}", 400, "jobClass"),
                arguments("unknown jobClass", "POST", "/api/v1/jobs", "{\"name\":\"n\",\"jobClass\":\"OCA\\\\Evil\\\\Action\"}", 400, "jobClass"),
                arguments("unknown field", "POST", "/api/v1/jobs", "{" + OK + ",\"colour\":\"red\"}", 400, "colour"),
                arguments("interval wrong type", "POST", "/api/v1/jobs", "{" + OK + ",\"interval\":\"often\"}", 400, "interval"),
                arguments("interval zero", "POST", "/api/v1/jobs", "{" + OK + ",\"interval\":0}", 400, "interval"),
                arguments("interval overflow", "POST", "/api/v1/jobs", "{" + OK + ",\"interval\":99999999999}", 400, null),
                arguments("executionTime negative", "POST", "/api/v1/jobs", "{" + OK + ",\"executionTime\":-5}", 400, "executionTime"),
                arguments("logRetention negative", "POST", "/api/v1/jobs", "{" + OK + ",\"logRetention\":-1}", 400, "logRetention"),
                arguments("isEnabled not boolean", "POST", "/api/v1/jobs", "{" + OK + ",\"isEnabled\":\"yes please\"}", 400, "isEnabled"),
                arguments("scheduleAfter not a date", "POST", "/api/v1/jobs", "{" + OK + ",\"scheduleAfter\":\"tomorrow\"}", 400, "scheduleAfter"),
                arguments("invalid cron", "POST", "/api/v1/jobs", "{" + OK + ",\"cron\":\"every 5 minutes\"}", 400, "cron"),
                arguments("cron out of range", "POST", "/api/v1/jobs", "{" + OK + ",\"cron\":\"99 * * * *\"}", 400, "cron"),
                arguments("arguments not an object", "POST", "/api/v1/jobs", "{\"name\":\"n\",\"jobClass\":\"EventAction\",\"arguments\":[1]}", 400, "arguments"),
                arguments("sync without synchronizationId", "POST", "/api/v1/jobs", "{\"name\":\"n\",\"jobClass\":\"SynchronizationAction\"}", 400, "arguments.synchronizationId"),
                arguments("sync force not boolean", "POST", "/api/v1/jobs", "{\"name\":\"n\",\"jobClass\":\"SynchronizationAction\",\"arguments\":{\"synchronizationId\":\"s\",\"force\":\"y\"}}", 400, "arguments.force"),
                arguments("ping without target", "POST", "/api/v1/jobs", "{\"name\":\"n\",\"jobClass\":\"PingAction\"}", 400, "arguments"),
                arguments("ping bad url", "POST", "/api/v1/jobs", "{\"name\":\"n\",\"jobClass\":\"PingAction\",\"arguments\":{\"url\":\"ftp://x\"}}", 400, "arguments.url"),
                arguments("event without eventType", "POST", "/api/v1/jobs", "{\"name\":\"n\",\"jobClass\":\"EventAction\",\"arguments\":{\"data\":1}}", 400, "arguments.eventType"),
                arguments("event type with spaces", "POST", "/api/v1/jobs", "{\"name\":\"n\",\"jobClass\":\"EventAction\",\"arguments\":{\"eventType\":\"a b\"}}", 400, "arguments.eventType"),
                arguments("name too long", "POST", "/api/v1/jobs", "{\"name\":\"" + "x".repeat(300) + "\",\"jobClass\":\"EventAction\",\"arguments\":{\"eventType\":\"a\"}}", 400, "name"),
                arguments("get unknown id", "GET", UNKNOWN, null, 404, null),
                arguments("get non-uuid id", "GET", "/api/v1/jobs/not-a-uuid", null, 404, null),
                arguments("put unknown id", "PUT", UNKNOWN, "{" + OK + "}", 404, null),
                arguments("put invalid body", "PUT", UNKNOWN, "{\"name\":1", 400, null),
                arguments("delete unknown id", "DELETE", UNKNOWN, null, 404, null),
                arguments("list bad limit", "GET", "/api/v1/jobs?_limit=0", null, 400, "_limit"),
                arguments("list unknown filter", "GET", "/api/v1/jobs?colour=red", null, 400, "colour"),
                arguments("list bad order", "GET", "/api/v1/jobs?_order[name]=sideways", null, 400, "_order[name]"),
                arguments("logs of unknown job", "GET", UNKNOWN + "/logs", null, 404, null),
                arguments("logs bad date", "GET", "/api/v1/job-logs?date_from=yesterday", null, 400, "date_from"),
                arguments("logs unknown filter", "GET", "/api/v1/job-logs?colour=red", null, 400, "colour"),
                arguments("logs bad page", "GET", "/api/v1/job-logs?_page=-1", null, 400, "_page"),
                arguments("run unknown job", "POST", UNKNOWN + "/run", null, 404, null),
                arguments("run non-uuid job", "POST", "/api/v1/jobs/nope/run", null, 404, null),
                arguments("run force not boolean", "POST", UNKNOWN + "/run?force=maybe", null, 400, null),
                arguments("wrong method", "PATCH", "/api/v1/jobs", "{}", 405, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersProblemJson(String why, String method, String uri, String body, int status, String path) {
        JsonNode problem = ProblemAnswers.expectProblem(web, method, uri, body == null ? null : MediaType.APPLICATION_JSON, body, status);
        if (path != null) {
            assertThat(problem.path("violations").findValuesAsString("propertyPath")).as(why).contains(path);
        }
    }
}
