package org.openconnector.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over the plain maps and lists snakeyaml produces. */
final class Tree {

    private Tree() {
    }

    /** The child mapping at {@code key}, created when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        if (child == null) {
            child = new LinkedHashMap<String, Object>();
            parent.put(key, child);
        }
        if (!(child instanceof Map)) {
            throw new KustomizeException("'" + key + "' is not a mapping");
        }
        return (Map<String, Object>) child;
    }

    /** The mappings of the list at {@code key}, or none. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> parent, String key) {
        return parent.get(key) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** A deep copy, so patches and transformers never share structure between resources. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
