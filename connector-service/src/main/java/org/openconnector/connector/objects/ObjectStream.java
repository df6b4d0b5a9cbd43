package org.openconnector.connector.objects;

import org.openconnector.common.error.ApiException;
import org.openconnector.connector.call.CallEngine;
import org.openconnector.connector.call.CallOutcome;
import org.openconnector.connector.call.CallSpec;
import org.openconnector.connector.source.SourceField;
import org.openconnector.connector.source.StoredSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source's objects as a stream over its pages. Pages are fetched one after another through the
 * call engine (auth, retries, logs) and only as the consumer takes objects: at most the page being
 * emitted and the one after it are held, so memory stays flat however long the list. A failed page
 * ends the stream with that error, never with a silently short list.
 */
@Service
public class ObjectStream {

    private static final List<String> AUTO_POSITIONS = List.of("items", "results", "result", "data");
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

    private final CallEngine engine;
    private final JsonMapper json;

    public ObjectStream(CallEngine engine, JsonMapper json) {
        this.engine = engine;
        this.json = json;
    }

    /** Fetches the first page now (so its failure is a plain error answer) and the rest on demand. */
    public Mono<Flux<JsonNode>> objects(StoredSource source, ObjectsRequest request) {
        ObjectsRequest r = request.normalised();
        Map<String, String> query = new HashMap<>(r.query());
        var p = r.pagination();
        if (p.size() != null && p.sizeParam() != null) {
            query.put(p.sizeParam(), String.valueOf(p.size()));
        }
        if (p.type().equals("page") || p.type().equals("offset")) {
            query.put(p.param(), String.valueOf(p.start()));
        }
        return fetch(source, r, PageState.first(r.endpoint(), query, p.type()))
                .map(first -> Mono.just(first)
                        .expand(page -> page.next() == null ? Mono.empty() : fetch(source, r, page.next()))
                        .concatMapIterable(PageState::items, 1));
    }

    private Mono<PageState> fetch(StoredSource source, ObjectsRequest r, PageState page) {
        CallSpec spec = new CallSpec("GET", page.endpoint(), r.headers(), page.query(), null, null);
        return engine.call(source, spec).map(outcome -> {
            if (outcome.statusCode() / 100 != 2) {
                throw failed(source, page, "answered " + outcome.statusCode());
            }
            JsonNode body = parse(source, page, outcome);
            List<JsonNode> items = items(source, page, r, body);
            checkIds(source, page, r, items);
            String mode = page.mode().equals("auto") ? detect(body, outcome) : page.mode();
            int hash = items.hashCode();
            // Page numbers sent to an API that ignores them give the same page again: it ends the list.
            if (mode.equals("page") && page.number() > 1 && hash == page.itemsHash() && !items.isEmpty()) {
                return page.fetched(List.of(), mode, null, hash);
            }
            boolean last = items.isEmpty() || page.number() >= r.maxPages() || "_object".equals(r.resultsPosition());
            PageState next = last ? null : next(source, page, r, mode, body, outcome, items, hash);
            return page.fetched(items, mode, next, hash);
        });
    }

    private PageState next(StoredSource source, PageState page, ObjectsRequest r, String mode, JsonNode body, CallOutcome outcome,
                           List<JsonNode> items, int hash) {
        var p = r.pagination();
        Map<String, String> query = new HashMap<>(page.query());
        switch (mode) {
            case "next", "link" -> {
                String link = mode.equals("next") ? text(JsonDots.at(body, p.nextPath())) : linkNext(outcome);
                if (link == null || link.isBlank()) {
                    return null;
                }
                String endpoint = endpointOf(source, page, outcome, link);
                if (endpoint.equals(page.endpoint())) {
                    return null;
                }
                // The link carries its own query; only parameters it lacks are carried over.
                return new PageState(page.number() + 1, endpoint, query, mode, 0, List.of(), null, hash);
            }
            case "page" -> {
                long current = page.query().containsKey(p.param()) ? number(page.query().get(p.param()), p.param()) : p.start();
                query.put(p.param(), String.valueOf(current + 1));
                return new PageState(page.number() + 1, page.endpoint(), query, mode, 0, List.of(), null, hash);
            }
            case "offset" -> {
                long offset = page.offset() + items.size();
                query.put(p.param(), String.valueOf(p.start() + offset));
                return new PageState(page.number() + 1, page.endpoint(), query, mode, offset, List.of(), null, hash);
            }
            case "cursor" -> {
                String cursor = text(JsonDots.at(body, p.cursorPath()));
                if (cursor == null || cursor.isBlank()) {
                    return null;
                }
                query.put(p.cursorParam(), cursor);
                return new PageState(page.number() + 1, page.endpoint(), query, mode, 0, List.of(), null, hash);
            }
            default -> {
                return null;
            }
        }
    }

    private static String detect(JsonNode body, CallOutcome outcome) {
        if (body.isObject() && body.get("next") != null && (body.get("next").isString() || body.get("next").isNull())) {
            return "next";
        }
        return linkNext(outcome) != null ? "link" : "page";
    }

    private static String linkNext(CallOutcome outcome) {
        for (String header : outcome.responseHeaders().getOrEmpty("Link")) {
            Matcher m = LINK_NEXT.matcher(header);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** A next link as an endpoint under the source's location; a link elsewhere is refused (it could point anywhere). */
    private static String endpointOf(StoredSource source, PageState page, CallOutcome outcome, String link) {
        String location = source.text(SourceField.LOCATION);
        String resolved;
        try {
            resolved = URI.create(outcome.url()).resolve(link.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw failed(source, page, "gave a next link that is not a URL");
        }
        if (!resolved.startsWith(location)) {
            throw failed(source, page, "gave a next link outside the source's location");
        }
        return resolved.substring(location.length());
    }

    private List<JsonNode> items(StoredSource source, PageState page, ObjectsRequest r, JsonNode body) {
        String position = r.resultsPosition();
        JsonNode list;
        if (position == null || position.isBlank()) {
            list = body.isArray() ? body : AUTO_POSITIONS.stream().map(body::get).filter(n -> n != null && n.isArray()).findFirst()
                    .orElseThrow(() -> failed(source, page, "has no list under items, results, result or data; set resultsPosition"));
        } else if (position.equals("_root")) {
            list = body;
        } else if (position.equals("_object")) {
            return List.of(body);
        } else {
            list = JsonDots.at(body, position);
        }
        List<JsonNode> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (list.isArray()) {
            list.forEach(out::add);
        } else {
            out.add(list);
        }
        return out;
    }

    private static void checkIds(StoredSource source, PageState page, ObjectsRequest r, List<JsonNode> items) {
        if (r.idPosition() == null || r.idPosition().isBlank()) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode id = JsonDots.at(items.get(i), r.idPosition());
            if (id == null || id.isNull()) {
                throw failed(source, page, "has object " + i + " without an id at '" + r.idPosition() + "'");
            }
        }
    }

    private JsonNode parse(StoredSource source, PageState page, CallOutcome outcome) {
        try {
            return json.readTree(new String(outcome.responseBody(), StandardCharsets.UTF_8));
        } catch (tools.jackson.core.JacksonException e) {
            throw failed(source, page, "is not JSON");
        }
    }

    private static long number(String value, String param) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw org.openconnector.common.error.ApiException.validation("query." + param, param + " must be a number to page by it");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainer() ? null : node.asString();
    }

    private static ApiException failed(StoredSource source, PageState page, String why) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "page-failed", "Page " + page.number() + " of source " + source.id() + " " + why);
    }
}
