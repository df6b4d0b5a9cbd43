package org.openconnector.event.subscription;

import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.openconnector.common.web.PagedSql;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** SQL for subscriptions. Secret columns hold SecretCipher ciphertext only. */
@Repository
class SubscriptionRepository {

    static final String SELECT = "(select s.*, s.filters::text as filters_json from subscription s) sub";
    static final Map<String, String> COLUMNS = Map.of("callbackUrl", "callback_url", "isEnabled", "is_enabled",
            "created", "created", "updated", "updated", "description", "description");
    static final Set<String> FILTERABLE = Set.of("callbackUrl", "isEnabled");
    private static final PagedSql PAGED = new PagedSql(SELECT, COLUMNS, List.of("callback_url", "description"), "created, id");

    private final DatabaseClient db;
    private final JsonMapper json;

    SubscriptionRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Page<SubscriptionView>> list(UUID eventId, PageQuery query) {
        return PAGED.fetch(db, query, Map.of("event_id", eventId), row -> SubscriptionView.of(row, json));
    }

    Mono<SubscriptionView> find(UUID id) {
        return findRow(id).map(row -> SubscriptionView.of(row, json));
    }

    Mono<Map<String, Object>> findRow(UUID id) {
        return db.sql("select * from " + SELECT + " where id = :id").bind("id", id).fetch().one();
    }

    Mono<Void> insert(UUID id, UUID eventId, String callbackUrl, String description, Map<String, String> filters,
                      String secretEnc, boolean enabled) {
        var spec = db.sql("insert into subscription (id, event_id, callback_url, description, filters, secret, is_enabled, secret_rotated) "
                        + "values (:id, :eventId, :url, :description, cast(:filters as jsonb), :secret, :enabled, now())")
                .bind("id", id).bind("eventId", eventId).bind("url", callbackUrl).bind("secret", secretEnc).bind("enabled", enabled);
        spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
        spec = filters == null ? spec.bindNull("filters", String.class) : spec.bind("filters", json.writeValueAsString(filters));
        return spec.then();
    }

    Mono<Long> update(UUID id, String callbackUrl, String description, Map<String, String> filters, boolean enabled) {
        var spec = db.sql("update subscription set callback_url = :url, description = :description, filters = cast(:filters as jsonb), "
                        + "is_enabled = :enabled, disabled_reason = case when :enabled then null else disabled_reason end, "
                        + "failing_since = case when :enabled and not is_enabled then null else failing_since end, "
                        + "updated = now() where id = :id")
                .bind("id", id).bind("url", callbackUrl).bind("enabled", enabled);
        spec = description == null ? spec.bindNull("description", String.class) : spec.bind("description", description);
        spec = filters == null ? spec.bindNull("filters", String.class) : spec.bind("filters", json.writeValueAsString(filters));
        return spec.fetch().rowsUpdated();
    }

    /** The current secret becomes the previous one, signing next to the new one until {@code overlapEnds}. */
    Mono<Long> rotate(UUID id, String newSecretEnc, Instant overlapEnds) {
        return db.sql("update subscription set previous_secret = secret, previous_secret_expires = :until, secret = :secret, "
                        + "secret_rotated = now(), updated = now() where id = :id")
                .bind("id", id).bind("secret", newSecretEnc).bind("until", overlapEnds).fetch().rowsUpdated();
    }

    Mono<Long> delete(UUID id) {
        return db.sql("delete from subscription where id = :id").bind("id", id).fetch().rowsUpdated();
    }
}
