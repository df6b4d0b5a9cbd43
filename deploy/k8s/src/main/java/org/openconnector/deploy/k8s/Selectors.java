package org.openconnector.deploy.k8s;

import io.fabric8.kubernetes.api.model.LabelSelector;

import java.util.List;
import java.util.Map;

/** Label selector matching, for the selector forms the checker understands (matchLabels only). */
final class Selectors {

    private Selectors() {
    }

    /** Whether {@code selector} selects {@code labels}; a matchExpressions selector is a violation. */
    static boolean matches(LabelSelector selector, Map<String, String> labels, String where, List<String> violations) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            violations.add(where + ": matchExpressions are not understood by the checker; use matchLabels");
            return false;
        }
        return matches(selector.getMatchLabels(), labels);
    }

    static boolean matches(Map<String, String> matchLabels, Map<String, String> labels) {
        Map<String, String> wanted = matchLabels == null ? Map.of() : matchLabels;
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    }
}
