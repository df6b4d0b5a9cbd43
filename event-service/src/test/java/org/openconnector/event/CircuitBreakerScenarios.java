package org.openconnector.event;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.openconnector.event.delivery.ReceiverBreakers;
import org.openconnector.event.support.ScenarioSupport;
import org.openconnector.event.support.WebhookReceiver;
import org.openconnector.event.support.WebhookReceiver.Reply;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker per receiver, with the test configuration (20 failed attempts in a row open
 * it for 4 s, 2 trial sends): while it is open the receiver gets no request, its deliveries are not
 * even claimed (they wait as they are, without spending attempts), and another subscription is served as usual.
 */
abstract class CircuitBreakerScenarios extends ScenarioSupport {

    @Autowired
    private ReceiverBreakers breakers;

    @Test
    void aReceiverThatKeepsFailingIsLeftAloneWhileTheOthersFlow() {
        AtomicBoolean up = new AtomicBoolean(false);
        WebhookReceiver flaky = receiver().respond(r -> up.get() ? Reply.of(200) : Reply.of(500));
        WebhookReceiver healthy = receiver();
        String flakyEvent = createEvent(uniqueType("breaker"), Map.of());
        String otherEvent = createEvent(uniqueType("unaffected"), Map.of());
        UUID flakySub = UUID.fromString((String) subscribe(flakyEvent, flaky.url("/flaky"), Map.of()).get("id"));
        String otherSub = (String) subscribe(otherEvent, healthy.url("/fine"), Map.of()).get("id");
        assertThat(breakers.state(flakySub)).isEqualTo(CircuitBreaker.State.CLOSED);

        // 6 messages x 4 attempts could make 24 requests; the breaker opens at the 20th failure
        for (int i = 0; i < 6; i++) {
            trigger(flakyEvent, Map.of("data", Map.of("n", i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> breakers.state(flakySub) == CircuitBreaker.State.OPEN);
        // sends that were already out when it opened finish (and are recorded) first
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from event_message "
                + "where subscription_id = cast(:p0 as uuid) and locked_until > now()", flakySub.toString()) == 0);
        int requestsWhenOpened = flaky.received().size();
        assertThat(requestsWhenOpened).isBetween(20, 23);

        String whileOpen = (String) trigger(flakyEvent, Map.of("data", Map.of("n", "while-open"))).get("id");
        for (int i = 0; i < 3; i++) {
            trigger(otherEvent, Map.of("data", Map.of("n", i)));
        }
        awaitMessages("subscriptionId=" + otherSub, 3, "delivered");
        // fanned out before the other three (one partition, in order), and claims ran for those: the claim leaves
        // a resting receiver out, so the new message was never claimed and put back; it waits, due, untouched
        Map<String, Object> waiting = byCloudEvent(flakySub, whileOpen);
        assertThat(waiting).containsEntry("status", "pending").containsEntry("attemptCount", 0);
        assertThat(Instant.parse((String) waiting.get("nextAttempt"))).isBeforeOrEqualTo(Instant.now());
        assertThat(count("select count(*) from event_message where subscription_id = cast(:p0 as uuid) and cloud_event_id = :p1 "
                + "and locked_until is null and updated = created", flakySub.toString(), whileOpen)).isEqualTo(1);
        // still open, so everything above happened while it was: not one request reached the receiver
        assertThat(breakers.state(flakySub)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(flaky.received()).hasSize(requestsWhenOpened);

        // the receiver recovers; after the open period trial sends succeed and the rest follows
        up.set(true);
        List<Map<String, Object>> all = await().atMost(Duration.ofSeconds(30))
                .until(() -> messages("subscriptionId=" + flakySub), l -> l.size() == 7
                        && l.stream().allMatch(m -> m.get("status").equals("delivered") || m.get("status").equals("failed")));
        assertThat(breakers.state(flakySub)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(byCloudEvent(flakySub, whileOpen)).containsEntry("status", "delivered").containsEntry("attemptCount", 1);
        assertThat(all).filteredOn(m -> "delivered".equals(m.get("status"))).hasSizeGreaterThanOrEqualTo(2);
        // a request for every recorded attempt and an attempt for every request: refusals cost nothing
        assertThat(all).allSatisfy(m -> assertThat((List<?>) m.get("attempts")).hasSize((Integer) m.get("attemptCount")));
        assertThat(flaky.received()).hasSize(all.stream().mapToInt(m -> (Integer) m.get("attemptCount")).sum());
    }

    private Map<String, Object> byCloudEvent(UUID subscriptionId, String cloudEventId) {
        return messages("subscriptionId=" + subscriptionId).stream()
                .filter(m -> cloudEventId.equals(m.get("cloudEventId"))).findFirst().orElse(null);
    }
}
