package org.openconnector.connector.objects;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * One page of a stream: what to ask for ({@code endpoint}, {@code query}), which page it is, the
 * mode decided on the first page, and, once fetched, its objects and the next page (null at the end).
 */
record PageState(int number, String endpoint, Map<String, String> query, String mode, long offset, List<JsonNode> items,
                 PageState next, int itemsHash) {

    static PageState first(String endpoint, Map<String, String> query, String mode) {
        return new PageState(1, endpoint, query, mode, 0, List.of(), null, 0);
    }

    PageState fetched(List<JsonNode> found, String resolvedMode, PageState following, int hash) {
        return new PageState(number, endpoint, query, resolvedMode, offset, found, following, hash);
    }
}
