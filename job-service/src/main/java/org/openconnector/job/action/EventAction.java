package org.openconnector.job.action;

import org.openconnector.common.error.Violation;
import org.openconnector.common.events.CloudEvent;
import org.openconnector.common.events.Topics;
import org.openconnector.common.outbox.OutboxWriter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Publishes {@code arguments.eventType} with {@code arguments.data} on {@code platform.events} (through the outbox). */
@Component
class EventAction implements JobClass {

    static final String SOURCE = "/job-service";
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final OutboxWriter outbox;

    EventAction(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Override
    public String type() {
        return "EventAction";
    }

    @Override
    public List<Violation> validate(JsonNode arguments) {
        List<Violation> violations = new ArrayList<>();
        JsonNode type = arguments.get("eventType");
        if (type == null || type.isNull()) {
            violations.add(Violation.required("arguments.eventType"));
        } else if (!type.isString() || !EVENT_TYPE.matcher(type.asString()).matches()) {
            violations.add(Violation.invalid("arguments.eventType",
                    "arguments.eventType must be a dotted event type such as org.example.thing.happened"));
        }
        return violations;
    }

    @Override
    public Mono<RunOutcome> run(RunContext run) {
        String eventType = run.arguments().path("eventType").asString();
        JsonNode data = run.arguments().get("data");
        CloudEvent event = CloudEvent.of(SOURCE, eventType, run.jobId().toString(), data);
        // the event is written with the run's log: published exactly when the run is recorded as done
        return Mono.just(RunOutcome.doneWith(outbox.append(Topics.PLATFORM_EVENTS, event), RunOutcome.SUCCESS,
                "Published event " + eventType, List.of("Running EventAction", "Published " + eventType + " with id " + event.id())));
    }
}
