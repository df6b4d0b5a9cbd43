package org.openconnector.event.subscription;

import org.openconnector.common.error.Violation;
import org.openconnector.common.events.CloudEvent;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subscription's optional {@code filters}: CloudEvents attribute to expected value, all of which
 * must hold. A value ending in {@code *} matches by prefix, e.g. {@code {"source": "/sync-service",
 * "subject": "4f1c*"}}.
 */
public final class SubscriptionFilters {

    static final Set<String> ATTRIBUTES = Set.of("id", "source", "type", "subject", "datacontenttype", "specversion");

    private SubscriptionFilters() {
    }

    static void validate(Map<String, String> filters, List<Violation> violations) {
        if (filters == null) {
            return;
        }
        if (filters.size() > 20) {
            violations.add(Violation.invalid("filters", "at most 20 filters"));
        }
        filters.forEach((attr, value) -> {
            if (!ATTRIBUTES.contains(attr)) {
                violations.add(new Violation("filters." + attr, "Unknown CloudEvents attribute '" + attr + "'; allowed: "
                        + ATTRIBUTES.stream().sorted().toList(), "unknown-field"));
            } else if (value == null || value.isEmpty() || value.length() > 500) {
                violations.add(Violation.invalid("filters." + attr, "filter values must be 1 to 500 characters"));
            }
        });
    }

    public static boolean matches(Map<String, String> filters, CloudEvent e) {
        if (filters == null) {
            return true;
        }
        for (var f : filters.entrySet()) {
            String actual = switch (f.getKey()) {
                case "id" -> e.id();
                case "source" -> e.source();
                case "type" -> e.type();
                case "subject" -> e.subject();
                case "datacontenttype" -> e.datacontenttype();
                case "specversion" -> e.specversion();
                default -> null;
            };
            String expected = f.getValue();
            boolean ok = actual != null && (expected.endsWith("*")
                    ? actual.startsWith(expected.substring(0, expected.length() - 1)) : actual.equals(expected));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
