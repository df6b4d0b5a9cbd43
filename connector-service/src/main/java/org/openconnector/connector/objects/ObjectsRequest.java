package org.openconnector.connector.objects;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code POST /internal/sources/{id}/objects} reads: where the list is ({@code endpoint},
 * {@code headers}, {@code query}), where the objects sit in a page ({@code resultsPosition}: a dot
 * path, {@code _root} for a top-level array, {@code _object} for one object; auto-detects
 * {@code items}, {@code results}, {@code result}, {@code data} or a top-level array), where each
 * object's id is ({@code idPosition}, checked when given), how to page and at most how many pages.
 */
public record ObjectsRequest(String endpoint, Map<String, String> headers, Map<String, String> query, String resultsPosition,
                             String idPosition, Pagination pagination, Integer maxPages) {

    static final int DEFAULT_MAX_PAGES = 50;
    static final int MAX_MAX_PAGES = 100_000;

    /**
     * @param type        {@code auto} (default: a {@code next} link in the body, else a {@code Link: rel=next}
     *                    header, else page numbers), {@code none}, {@code next}, {@code link}, {@code page},
     *                    {@code offset}, {@code cursor}
     * @param param       the page-number or offset query parameter ({@code page} / {@code offset})
     * @param start       the first page number (1) or offset (0)
     * @param sizeParam   query parameter for the page size, sent with every page when {@code size} is set
     * @param size        page size to ask for
     * @param nextPath    dot path of the next link in the body ({@code next})
     * @param cursorPath  dot path of the next cursor in the body (cursor mode)
     * @param cursorParam query parameter the cursor goes in ({@code cursor})
     */
    public record Pagination(String type, String param, Integer start, String sizeParam, Integer size, String nextPath,
                             String cursorPath, String cursorParam) {
    }

    private static final Set<String> TYPES = Set.of("auto", "none", "next", "link", "page", "offset", "cursor");

    /** Checks the request and fills defaults. */
    ObjectsRequest normalised() {
        List<Violation> v = new ArrayList<>();
        Pagination p = pagination == null ? new Pagination(null, null, null, null, null, null, null, null) : pagination;
        String type = p.type() == null ? "auto" : p.type();
        if (!TYPES.contains(type)) {
            v.add(Violation.invalid("pagination.type", "pagination.type must be one of " + TYPES + " (got '" + type + "')"));
        }
        if (type.equals("cursor") && (p.cursorPath() == null || p.cursorPath().isBlank())) {
            v.add(Violation.required("pagination.cursorPath"));
        }
        if (p.start() != null && p.start() < 0) {
            v.add(Violation.invalid("pagination.start", "pagination.start must not be negative"));
        }
        if (p.size() != null && p.size() < 1) {
            v.add(Violation.invalid("pagination.size", "pagination.size must be positive"));
        }
        if (maxPages != null && (maxPages < 1 || maxPages > MAX_MAX_PAGES)) {
            v.add(Violation.invalid("maxPages", "maxPages must be between 1 and " + MAX_MAX_PAGES));
        }
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        String param = p.param() != null ? p.param() : type.equals("offset") ? "offset" : "page";
        int start = p.start() != null ? p.start() : type.equals("offset") ? 0 : 1;
        Pagination filled = new Pagination(type, param, start, p.sizeParam(), p.size(),
                p.nextPath() == null ? "next" : p.nextPath(), p.cursorPath(), p.cursorParam() == null ? "cursor" : p.cursorParam());
        return new ObjectsRequest(endpoint == null ? "" : endpoint, headers == null ? Map.of() : headers,
                query == null ? Map.of() : query, resultsPosition, idPosition, filled, maxPages == null ? DEFAULT_MAX_PAGES : maxPages);
    }
}
