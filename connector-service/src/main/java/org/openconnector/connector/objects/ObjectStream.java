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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source's objects as a stream over its pages. Pages are fetched one after another through the
 * call engine (auth, retries, logs), one page ahead of the consumer and no further, so memory stays
 * flat however long the list. Each page is read in one streaming pass ({@link PageReader}) straight
 * into NDJSON lines. A failed page ends the stream with that error, never with a silently short list.
 */
@Service
public class ObjectStream {

    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

    private final CallEngine engine;
    private final PageReader reader;

    public ObjectStream(CallEngine engine, JsonMapper json) {
        this.engine = engine;
        this.reader = new PageReader(json);
    }

    /**
     * Fetches the first page now (so its failure is a plain error answer) and the rest on demand, as
     * NDJSON: one array of lines per page. While a page is being written out the next one is already
     * being fetched (the expansion subscribes to it when the page is emitted); {@code limitRate(1)}
     * keeps at most one finished page waiting, so a slow consumer holds at most two pages here.
     */
    public Mono<Flux<byte[]>> pages(StoredSource source, ObjectsRequest request) {
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
                        .limitRate(1)
                        .filter(page -> page.count() > 0)
                        .map(PageState::lines));
    }

    private Mono<PageState> fetch(StoredSource source, ObjectsRequest r, PageState page) {
        CallSpec spec = new CallSpec("GET", page.endpoint(), r.headers(), page.query(), null, null);
        return engine.call(source, spec).map(outcome -> {
            if (outcome.statusCode() / 100 != 2) {
                throw failed(source, page, "answered " + outcome.statusCode());
            }
            ParsedPage parsed;
            try {
                parsed = reader.read(outcome.responseBody() == null ? new byte[0] : outcome.responseBody(), r.resultsPosition(), r.idPosition());
            } catch (PageProblem e) {
                throw failed(source, page, e.getMessage());
            }
            String mode = page.mode().equals("auto") ? detect(parsed, outcome) : page.mode();
            // Page numbers sent to an API that ignores them give the same page again: it ends the list.
            if (mode.equals("page") && page.number() > 1 && parsed.count() > 0 && Arrays.equals(parsed.lines(), page.previous())) {
                return PageState.empty(page, mode);
            }
            boolean last = parsed.count() == 0 || page.number() >= r.maxPages() || "_object".equals(r.resultsPosition());
            PageState next = last ? null : next(source, page, r, mode, parsed, outcome);
            return page.fetched(parsed.lines(), parsed.count(), mode, next);
        });
    }

    private PageState next(StoredSource source, PageState page, ObjectsRequest r, String mode, ParsedPage parsed, CallOutcome outcome) {
        var p = r.pagination();
        Map<String, String> query = new HashMap<>(page.query());
        switch (mode) {
            case "next", "link" -> {
                String link = mode.equals("next") ? text(parsed.at(p.nextPath())) : linkNext(outcome);
                if (link == null || link.isBlank()) {
                    return null;
                }
                String endpoint = endpointOf(source, page, outcome, link);
                if (endpoint.equals(page.endpoint())) {
                    return null;
                }
                // The link carries its own query; only parameters it lacks are carried over.
                return PageState.following(page, endpoint, query, mode, 0, null);
            }
            case "page" -> {
                long current = page.query().containsKey(p.param()) ? number(page.query().get(p.param()), p.param()) : p.start();
                query.put(p.param(), String.valueOf(current + 1));
                return PageState.following(page, page.endpoint(), query, mode, 0, parsed.lines());
            }
            case "offset" -> {
                long offset = page.offset() + parsed.count();
                query.put(p.param(), String.valueOf(p.start() + offset));
                return PageState.following(page, page.endpoint(), query, mode, offset, null);
            }
            case "cursor" -> {
                String cursor = text(parsed.at(p.cursorPath()));
                if (cursor == null || cursor.isBlank()) {
                    return null;
                }
                query.put(p.cursorParam(), cursor);
                return PageState.following(page, page.endpoint(), query, mode, 0, null);
            }
            default -> {
                return null;
            }
        }
    }

    private static String detect(ParsedPage page, CallOutcome outcome) {
        JsonNode next = page.top().isObject() ? page.at("next") : null;
        if (next != null && (next.isString() || next.isNull())) {
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
