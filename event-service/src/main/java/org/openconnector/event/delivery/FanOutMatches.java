package org.openconnector.event.delivery;

import org.openconnector.common.events.CloudEvent;
import org.openconnector.event.Rows;
import org.openconnector.event.subscription.SubscriptionFilters;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which (definition, subscription) rows each event of a poll matches: a definition matches a type
 * equal to its {@code eventType}, or starting with it when it ends in {@code *}; a subscription's
 * {@code filters} must hold. Events are taken in poll order, so a {@code oneTime} definition takes
 * only the first of the poll's events that match it (it is switched off by that match).
 */
@Component
class FanOutMatches {

    private static final TypeReference<Map<String, String>> FILTERS = new TypeReference<>() {
    };

    /** A candidate row for the event at index {@code event} of the poll. */
    record Match(int event, Map<String, Object> row) {
    }

    /** Plain matches (one multi-row insert), those of allowDuplicates-false definitions, and the definitions triggered. */
    record Result(List<Match> plain, List<Match> deduplicated, Set<UUID> triggered) {
    }

    private final JsonMapper json;

    FanOutMatches(JsonMapper json) {
        this.json = json;
    }

    Result match(List<FanOut.Incoming> events, List<Map<String, Object>> candidates) {
        List<Match> plain = new ArrayList<>();
        List<Match> deduplicated = new ArrayList<>();
        Set<UUID> triggered = new LinkedHashSet<>();
        Set<UUID> spentOneTime = new HashSet<>();
        List<Map<String, String>> filters = new ArrayList<>(candidates.size());
        candidates.forEach(row -> filters.add(filters(row)));
        for (int i = 0; i < events.size(); i++) {
            CloudEvent event = events.get(i).event();
            Set<UUID> matchedOneTime = new HashSet<>();
            for (int c = 0; c < candidates.size(); c++) {
                Map<String, Object> row = candidates.get(c);
                UUID definition = Rows.uuid(row, "event_id");
                if (!typeMatches(Rows.str(row, "event_type"), event.type()) || spentOneTime.contains(definition)) {
                    continue;
                }
                triggered.add(definition);
                if (Rows.bool(row, "one_time")) {
                    matchedOneTime.add(definition);
                }
                if (row.get("subscription_id") != null && SubscriptionFilters.matches(filters.get(c), event)) {
                    (Rows.bool(row, "allow_duplicates") ? plain : deduplicated).add(new Match(i, row));
                }
            }
            spentOneTime.addAll(matchedOneTime);
        }
        return new Result(plain, deduplicated, triggered);
    }

    static boolean typeMatches(String definitionType, String type) {
        return definitionType.equals(type) || (definitionType.endsWith("*")
                && type.startsWith(definitionType.substring(0, definitionType.length() - 1)));
    }

    /** Type, subject and data: what {@code allowDuplicates: false} compares. */
    String contentHash(CloudEvent e) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((e.type() + "\n" + e.subject() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(e.data() == null ? new byte[0] : json.writeValueAsBytes(e.data()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Map<String, String> filters(Map<String, Object> row) {
        String f = Rows.str(row, "filters_json");
        return f == null ? null : json.readValue(f, FILTERS);
    }
}
