package org.openconnector.common.web;

import java.util.List;
import java.util.function.Function;

/** The one list envelope of the API: {@code {"results", "total", "page", "pages", "limit"}}. */
public record Page<T>(List<T> results, long total, int page, long pages, int limit) {

    public static <T> Page<T> of(List<T> results, long total, PageQuery query) {
        long pages = total == 0 ? 1 : (total + query.limit() - 1) / query.limit();
        return new Page<>(results, total, query.page(), pages, query.limit());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(results.stream().map(mapper).toList(), total, page, pages, limit);
    }
}
