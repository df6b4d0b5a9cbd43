package org.openconnector.event;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openconnector.common.test.ServiceProcess;
import org.openconnector.event.support.ScenarioSupport;
import org.openconnector.event.support.WebhookReceiver;
import org.openconnector.event.support.WebhookReceiver.Reply;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * event-service as a real process (its own exec jar, built by {@code package} before the ITs run),
 * killed with SIGKILL while a delivery waits for its next retry, then started again: the delivery
 * state lives in PostgreSQL and the Kafka offset is committed only after fan-out, so the new process
 * finishes the delivery exactly once (same webhook-id) and also delivers what was published while
 * nothing ran; killed after a send (handed over directly by the fan-out, already leased) but before its
 * outcome was written, the new process claims it once the lease has run out and sends it again with the
 * same webhook-id (at least once). It uses its own schema and consumer group, apart from
 * the in-JVM test context.
 */
class EventServiceRestartIT extends ScenarioSupport {

    private static final String INSTANCE = "--openconnector.test.instance=";
    private static final List<String> ARGS = List.of("--openconnector.schema=event_restart",
            "--spring.application.name=event-service-restart",
            "--openconnector.events.delivery.retry-schedule=3s,3s,3s,3s,3s",
            "--openconnector.events.delivery.jitter=0", "--openconnector.outbox.poll-interval=100ms",
            // the killed consumer leaves the group after 6 s rather than the default 45 s
            "--spring.kafka.consumer.properties.session.timeout.ms=6000",
            "--spring.kafka.consumer.properties.heartbeat.interval.ms=1500");

    private ServiceProcess service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aKillMidRetryLosesNothingAndSendsNothingTwice() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger accepted = new AtomicInteger();
        WebhookReceiver receiver = receiver().respond(r -> {
            if (!up.get()) {
                return Reply.of(503);
            }
            accepted.incrementAndGet();
            return Reply.of(200);
        });
        String firstRun = start();
        String type = uniqueType("restart");
        String eventId = createEvent(type, Map.of("timeout", 2));
        String sub = (String) subscribe(eventId, receiver.url("/restart"), Map.of()).get("id");
        String retried = (String) trigger(eventId, Map.of("data", Map.of("n", 1))).get("id");

        // kill while the first failed attempt is recorded and the next one is a while away (not mid-send)
        Map<String, Object> waiting = await().atMost(Duration.ofSeconds(60)).until(() -> messages("subscriptionId=" + sub),
                l -> l.size() == 1 && "retrying".equals(l.get(0).get("status"))
                        && Instant.parse((String) l.get(0).get("nextAttempt")).isAfter(Instant.now().plusMillis(1500))).get(0);
        kill(firstRun);
        int failedBefore = receiver.received().size();
        assertThat(failedBefore).isEqualTo((Integer) waiting.get("attemptCount"));

        // published while no event-service runs: waits in Kafka (offset not committed by anyone)
        String whileDown = UUID.randomUUID().toString();
        publishRaw("k", DeliveryScenarios.cloudEvent(whileDown, type, "while-down"));
        up.set(true);
        start();

        List<Map<String, Object>> delivered = awaitMessages("subscriptionId=" + sub, 2, "delivered");
        assertThat(delivered).hasSize(2);
        Map<String, Object> first = delivered.stream().filter(m -> retried.equals(m.get("cloudEventId"))).findFirst().orElseThrow();
        Map<String, Object> second = delivered.stream().filter(m -> whileDown.equals(m.get("cloudEventId"))).findFirst().orElseThrow();
        assertThat(first).containsEntry("attemptCount", failedBefore + 1);
        assertThat((List<?>) first.get("attempts")).hasSize(failedBefore + 1);
        assertThat(second).containsEntry("attemptCount", 1);
        // exactly once each: every request of the retried one carries its webhook-id, one success each
        assertThat(accepted).hasValue(2);
        assertThat(receiver.received()).hasSize(failedBefore + 2);
        assertThat(receiver.received().stream().filter(r -> r.header("webhook-id").equals(first.get("webhookId"))))
                .hasSize(failedBefore + 1);
        assertThat(receiver.received().stream().filter(r -> r.header("webhook-id").equals(second.get("webhookId"))))
                .hasSize(1);
    }

    @Test
    void aKillBetweenTheSendAndItsOutcomeWriteSendsItAgainWithTheSameWebhookId() throws Exception {
        WebhookReceiver receiver = receiver();
        // short leases (2 s timeout + 1 s), and a first process whose outcomes wait a minute for their batch
        String lease = "--openconnector.events.delivery.lease-margin=1s";
        String firstRun = start(lease, "--openconnector.events.delivery.outcome-window=60s");
        String eventId = createEvent(uniqueType("crash"), Map.of("timeout", 2));
        String sub = (String) subscribe(eventId, receiver.url("/crash"), Map.of()).get("id");
        trigger(eventId, Map.of("data", Map.of("n", 1)));

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() == 1);
        // sent and answered 200, but the outcome is not written yet: the message still holds its lease
        assertThat(messages("subscriptionId=" + sub)).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("status", "pending").containsEntry("attemptCount", 0));
        // the fan-out inserted it already leased and handed it over directly: it was never claimed
        assertThat(dispatched("direct")).isEqualTo(1);
        assertThat(dispatched("claim")).isZero();
        kill(firstRun);

        start(lease);
        Map<String, Object> delivered = awaitMessages("subscriptionId=" + sub, 1, "delivered").get(0);
        // the new process found the lease of the dead one run out and claimed the message
        assertThat(dispatched("claim")).isEqualTo(1);
        // at least once: the receiver got it twice, both times as the same delivery, so it can dedupe
        assertThat(receiver.received()).hasSize(2).extracting(r -> r.header("webhook-id"))
                .containsOnly((String) delivered.get("webhookId"));
        // the first attempt died with the process; the record shows the one that was written
        assertThat(delivered).containsEntry("attemptCount", 1);
    }

    /** Starts a process with a marker argument (to find its pid) and points the API client at it. */
    private String start(String... extra) throws Exception {
        String marker = UUID.randomUUID().toString();
        List<String> args = new java.util.ArrayList<>(ARGS);
        args.addAll(List.of(extra));
        args.add(INSTANCE + marker);
        service = ServiceProcess.start("event-service", Map.of(), args);
        service.awaitReady(Duration.ofSeconds(180));
        web = WebTestClient.bindToServer().baseUrl(service.baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
        return marker;
    }

    /** How many sends the running process started by this path ({@code direct} hand-off or {@code claim}). */
    private double dispatched(String path) {
        String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher m = Pattern.compile("(?m)^openconnector_events_dispatched_total\\{[^}]*path=\"" + path + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** SIGKILL: no shutdown hook, no lease handed back, nothing flushed. */
    private static void kill(String marker) throws Exception {
        ProcessHandle process = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(INSTANCE + marker))
                .findFirst().orElseThrow(() -> new IllegalStateException("no event-service process " + marker));
        assertThat(process.destroyForcibly()).isTrue();
        process.onExit().get(30, TimeUnit.SECONDS);
    }
}
