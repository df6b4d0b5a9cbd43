package org.openconnector.sync.run;

import org.openconnector.sync.config.SyncProperties;
import org.openconnector.sync.synchronization.Synchronization;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an "api" source page by page through connector-service's call endpoint (OpenConnector's
 * page-number pagination: the first request has no page parameter, then {@code paginationQuery=2,3,…};
 * an empty page ends the source). The next page is requested only when the previous page's objects
 * were consumed (concatMap, prefetch 1), so memory is one page whatever the source size.
 * Reaching {@code maxPages} with a non-empty page leaves the fetch incomplete, which forbids deletions.
 */
@Component
class ApiSourceReader implements SourceReader {

    private static final List<String> DEFAULT_POSITIONS = List.of("items", "results", "result", "data");

    private final ConnectorCalls calls;
    private final SyncProperties props;

    ApiSourceReader(ConnectorCalls calls, SyncProperties props) {
        this.calls = calls;
        this.props = props;
    }

    @Override
    public String type() {
        return "api";
    }

    @Override
    public Flux<JsonNode> objects(Synchronization sync, Fetch fetch) {
        ObjectNode config = sync.sourceConfig();
        boolean paged = !config.path("usesPagination").asString("true").equals("false");
        int maxPages = paged ? config.path("maxPages").asInt(props.maxPages()) : 1;
        String pageParam = config.path("paginationQuery").asString("page");
        return Flux.range(1, maxPages)
                .concatMap(page -> page(sync, config, page == 1 ? null : Map.entry(pageParam, String.valueOf(page))), 1)
                .doOnNext(items -> fetch.pageRead())
                .takeUntil(items -> {
                    boolean last = items.isEmpty() || !paged;
                    if (last) {
                        fetch.markComplete();
                    }
                    return last;
                })
                .concatMapIterable(items -> items, 1);
    }

    private Mono<List<JsonNode>> page(Synchronization sync, ObjectNode config, Map.Entry<String, String> page) {
        Map<String, String> query = strings(config.get("query"));
        if (page != null) {
            query.put(page.getKey(), page.getValue());
        }
        return calls.call(sync.sourceId(), "GET", config.path("endpoint").asString(""), query, strings(config.get("headers")), null)
                .map(answer -> {
                    if (!answer.ok()) {
                        throw new RunFailure("Source answered " + answer.statusCode() + " for page "
                                + (page == null ? 1 : page.getValue()) + "; nothing after it was read");
                    }
                    return items(answer.body(), config.path("resultsPosition").asString(null));
                });
    }

    static List<JsonNode> items(JsonNode body, String position) {
        JsonNode list;
        if (position == null || position.isEmpty()) {
            list = body != null && body.isArray() ? body : null;
            for (String p : DEFAULT_POSITIONS) {
                if (list == null && body != null && body.has(p)) {
                    list = body.get(p);
                }
            }
            if (list == null) {
                throw new RunFailure("Cannot determine the position of objects in the source's answer; set sourceConfig.resultsPosition");
            }
        } else if (position.equals("_root")) {
            list = body;
        } else if (position.equals("_object")) {
            return body == null || body.isNull() ? List.of() : List.of(body);
        } else {
            list = Paths.at(body, position);
            if (list == null) {
                throw new RunFailure("The source's answer has nothing at resultsPosition '" + position + "'");
            }
        }
        List<JsonNode> out = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(out::add);
        } else if (!list.isNull()) {
            out.add(list);
        }
        return out;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> out.put(e.getKey(), e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString()));
        }
        return out;
    }
}
