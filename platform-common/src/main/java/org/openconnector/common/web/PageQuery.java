package org.openconnector.common.web;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.error.Violation;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list query every collection accepts (OpenConnector style): {@code _page}, {@code _limit}
 * (default 30, max 500), {@code _search}, {@code _order[field]=asc|desc} and plain
 * {@code field=value} filters. Parsing checks fields against what the resource allows, so a
 * typo in a filter is a 400 rather than a silently unfiltered list.
 */
public record PageQuery(int page, int limit, String search, Map<String, String> order, Map<String, String> filters) {

    public static final int DEFAULT_LIMIT = 30;
    public static final int MAX_LIMIT = 500;

    public long offset() {
        return (long) (page - 1) * limit;
    }

    public static PageQuery parse(MultiValueMap<String, String> params, Set<String> sortable, Set<String> filterable) {
        List<Violation> violations = new ArrayList<>();
        int page = intParam(params, "_page", 1, 1, Integer.MAX_VALUE, violations);
        int limit = intParam(params, "_limit", DEFAULT_LIMIT, 1, MAX_LIMIT, violations);
        String search = blankToNull(params.getFirst("_search"));
        Map<String, String> order = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        params.forEach((key, values) -> {
            String value = values.isEmpty() ? "" : values.get(0);
            if (key.startsWith("_order[") && key.endsWith("]")) {
                String field = key.substring(7, key.length() - 1);
                String dir = value.toLowerCase();
                if (!sortable.contains(field)) {
                    violations.add(Violation.invalid(key, "Cannot order by '" + field + "'; allowed: " + sortable));
                } else if (!dir.equals("asc") && !dir.equals("desc")) {
                    violations.add(Violation.invalid(key, key + " must be asc or desc (got '" + value + "')"));
                } else {
                    order.put(field, dir);
                }
            } else if (!key.startsWith("_")) {
                if (filterable.contains(key)) {
                    filters.put(key, value);
                } else {
                    violations.add(new Violation(key, "Unknown filter '" + key + "'; allowed: " + filterable, "unknown-field"));
                }
            }
        });
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        return new PageQuery(page, limit, search, order, filters);
    }

    private static int intParam(MultiValueMap<String, String> params, String name, int fallback, int min, int max,
                                List<Violation> violations) {
        String raw = params.getFirst(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                violations.add(Violation.invalid(name, name + " must be between " + min + " and " + max + " (got " + value + ")"));
            }
            return value;
        } catch (NumberFormatException e) {
            violations.add(Violation.invalid(name, name + " must be an integer (got '" + raw + "')"));
            return fallback;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
