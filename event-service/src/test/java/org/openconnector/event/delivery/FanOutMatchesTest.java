package org.openconnector.event.delivery;

import org.junit.jupiter.api.Test;
import org.openconnector.common.events.CloudEvent;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching a whole poll of events against the candidate (definition, subscription) rows at once. */
class FanOutMatchesTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final FanOutMatches matches = new FanOutMatches(json);
    private final UUID exact = UUID.randomUUID();
    private final UUID prefix = UUID.randomUUID();
    private final UUID once = UUID.randomUUID();
    private final UUID noDuplicates = UUID.randomUUID();
    private final UUID unsubscribed = UUID.randomUUID();

    @Test
    void eachEventGetsItsOwnMatchesAndAOneTimeDefinitionOnlyTheFirstOfThePoll() {
        UUID exactSub = UUID.randomUUID();
        UUID filteredSub = UUID.randomUUID();
        UUID prefixSub = UUID.randomUUID();
        UUID onceSub = UUID.randomUUID();
        UUID dedupSub = UUID.randomUUID();
        List<Map<String, Object>> rows = List.of(
                row(exact, "org.openconnector.order.created", exactSub, null, false, true),
                row(exact, "org.openconnector.order.created", filteredSub, "{\"subject\":\"vip-*\"}", false, true),
                row(prefix, "org.openconnector.order.*", prefixSub, null, false, true),
                row(once, "org.openconnector.order.created", onceSub, null, true, true),
                row(noDuplicates, "org.openconnector.order.deleted", dedupSub, null, false, false),
                row(unsubscribed, "org.openconnector.order.*", null, null, false, true));
        List<FanOut.Incoming> poll = List.of(
                incoming("org.openconnector.order.created", "vip-1"),
                incoming("org.openconnector.order.created", "plain-2"),
                incoming("org.openconnector.order.deleted", "vip-3"),
                incoming("org.openconnector.orders.other", "vip-4"));

        FanOutMatches.Result result = matches.match(poll, rows);

        assertThat(result.plain()).extracting(m -> m.event() + ":" + m.row().get("subscription_id")).containsExactly(
                "0:" + exactSub, "0:" + filteredSub, "0:" + prefixSub, "0:" + onceSub,
                // the one-time definition was switched off by event 0: event 1 does not reach onceSub
                "1:" + exactSub, "1:" + prefixSub,
                "2:" + prefixSub);
        assertThat(result.deduplicated()).extracting(m -> m.event() + ":" + m.row().get("subscription_id"))
                .containsExactly("2:" + dedupSub);
        // a definition without subscriptions is still triggered (lastTriggered); event 3 matches nothing
        assertThat(result.triggered()).containsExactlyInAnyOrder(exact, prefix, once, noDuplicates, unsubscribed);
    }

    @Test
    void typesMatchExactlyOrByPrefixWhenTheDefinitionEndsInAStar() {
        assertThat(FanOutMatches.typeMatches("a.b.c", "a.b.c")).isTrue();
        assertThat(FanOutMatches.typeMatches("a.b.c", "a.b.cd")).isFalse();
        assertThat(FanOutMatches.typeMatches("a.b.*", "a.b.cd")).isTrue();
        assertThat(FanOutMatches.typeMatches("a.b.*", "a.bc")).isFalse();
        assertThat(FanOutMatches.typeMatches("*", "anything")).isTrue();
    }

    @Test
    void theContentHashComparesTypeSubjectAndDataNotTheId() {
        CloudEvent a = event("t", "s", Map.of("n", 1));
        assertThat(matches.contentHash(a)).isEqualTo(matches.contentHash(event("t", "s", Map.of("n", 1))))
                .isNotEqualTo(matches.contentHash(event("t", "s", Map.of("n", 2))))
                .isNotEqualTo(matches.contentHash(event("t", "other", Map.of("n", 1))));
    }

    private static Map<String, Object> row(UUID definition, String type, UUID subscription, String filters, boolean oneTime,
                                           boolean allowDuplicates) {
        Map<String, Object> row = new HashMap<>();
        row.put("event_id", definition);
        row.put("event_type", type);
        row.put("priority", 5);
        row.put("one_time", oneTime);
        row.put("allow_duplicates", allowDuplicates);
        row.put("subscription_id", subscription);
        row.put("filters_json", filters);
        return row;
    }

    private FanOut.Incoming incoming(String type, String subject) {
        CloudEvent e = event(type, subject, Map.of());
        return new FanOut.Incoming(e, json.writeValueAsString(e));
    }

    private CloudEvent event(String type, String subject, Map<String, Object> data) {
        return CloudEvent.of("/test", type, subject, json.valueToTree(data));
    }
}
