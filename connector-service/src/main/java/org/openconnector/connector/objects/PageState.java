package org.openconnector.connector.objects;

import java.util.Map;

/**
 * One page of a stream: what to ask for ({@code endpoint}, {@code query}), which page it is, the
 * mode decided on the first page, and, once fetched, its objects as NDJSON {@code lines}
 * ({@code count} of them) and the next page (null at the end). {@code previous} is the lines of the
 * page before, kept in page-number mode only, to notice an API that ignores the page number.
 */
record PageState(int number, String endpoint, Map<String, String> query, String mode, long offset, byte[] lines, int count,
                 PageState next, byte[] previous) {

    private static final byte[] NONE = new byte[0];

    static PageState first(String endpoint, Map<String, String> query, String mode) {
        return new PageState(1, endpoint, query, mode, 0, NONE, 0, null, null);
    }

    static PageState following(PageState page, String endpoint, Map<String, String> query, String mode, long offset, byte[] previous) {
        return new PageState(page.number() + 1, endpoint, query, mode, offset, NONE, 0, null, previous);
    }

    PageState fetched(byte[] found, int n, String resolvedMode, PageState following) {
        return new PageState(number, endpoint, query, resolvedMode, offset, found, n, following, null);
    }

    static PageState empty(PageState page, String resolvedMode) {
        return page.fetched(NONE, 0, resolvedMode, null);
    }
}
