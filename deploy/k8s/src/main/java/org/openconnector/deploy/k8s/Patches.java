package org.openconnector.deploy.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kustomize's {@code patches} entries. Built-in kinds get a strategic merge patch, custom resources
 * (KafkaTopic, ServiceMonitor) a JSON merge patch (RFC 7386), as kustomize does. The strategic
 * merge part implements only the list rules this project needs; a patch list it does not know the
 * merge rule of is an error, so it can never merge differently from kustomize.
 */
final class Patches {

    /** API groups kustomize knows the strategic-merge schema of (the ones used here). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "policy", "autoscaling", "networking.k8s.io");
    /** patchMergeKey of the lists merged element by element (from the Kubernetes OpenAPI schema). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "env", "name", "volumes", "name",
            "volumeMounts", "mountPath", "imagePullSecrets", "name");
    /** Lists without a merge strategy: the patch's list replaces the original one. */
    private static final Set<String> REPLACED_LISTS = Set.of("args", "command", "rules", "tls", "hosts", "drop", "add");

    private Patches() {
    }

    static void apply(List<Map<String, Object>> resources, Map<String, Object> patch, Map<String, Object> target) {
        Map<String, Object> meta = Tree.map(patch, "metadata");
        String kind = String.valueOf(target != null && target.get("kind") != null ? target.get("kind") : patch.get("kind"));
        Object name = target != null ? target.get("name") : meta.get("name");
        if (!kind.equals(patch.get("kind"))) {
            throw new KustomizeException("patch of kind " + patch.get("kind") + " targets kind " + kind);
        }
        Map<String, Object> body = new LinkedHashMap<>(patch);
        body.remove("apiVersion");
        body.remove("kind");
        Map<String, Object> bodyMeta = new LinkedHashMap<>(meta);
        bodyMeta.remove("name");
        body.put("metadata", bodyMeta);
        boolean strategic = BUILT_IN_GROUPS.contains(group(String.valueOf(patch.get("apiVersion"))));
        int matched = 0;
        for (Map<String, Object> r : resources) {
            if (kind.equals(r.get("kind")) && (name == null || name.equals(Tree.map(r, "metadata").get("name")))) {
                merge(r, body, strategic, kind);
                matched++;
            }
        }
        if (matched == 0) {
            throw new KustomizeException("patch " + kind + "/" + name + " matches no resource");
        }
    }

    private static String group(String apiVersion) {
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> patch, boolean strategic, String path) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.startsWith("$")) {
                throw new KustomizeException(path + ": patch directive " + key + " is not supported");
            }
            Object current = into.get(key);
            if (value == null) {
                into.remove(key);
            } else if (value instanceof Map<?, ?> m && current instanceof Map<?, ?> c) {
                merge((Map<String, Object>) c, (Map<String, Object>) m, strategic, path + "." + key);
            } else if (value instanceof List<?> l && current instanceof List<?> c && strategic) {
                into.put(key, mergeList(key, (List<Object>) c, (List<Object>) l, path + "." + key));
            } else {
                into.put(key, Tree.copy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(String key, List<Object> current, List<Object> patch, String path) {
        if (REPLACED_LISTS.contains(key)) {
            return (List<Object>) Tree.copy(patch);
        }
        String mergeKey = "ports".equals(key)
                ? (patch.stream().allMatch(p -> p instanceof Map<?, ?> m && m.containsKey("containerPort")) ? "containerPort" : "port")
                : MERGE_KEYS.get(key);
        if (mergeKey == null) {
            throw new KustomizeException(path + ": the renderer does not know how kustomize merges this list");
        }
        // As kustomize (kyaml) orders a merged list: the patch's elements in the patch's order (merged
        // into the original element with the same key), then the original elements the patch omits.
        List<Object> out = new ArrayList<>();
        List<Object> rest = new ArrayList<>(current);
        for (Object p : patch) {
            Map<String, Object> element = (Map<String, Object>) p;
            Object id = element.get(mergeKey);
            Map<String, Object> existing = rest.stream().map(o -> (Map<String, Object>) o)
                    .filter(o -> id != null && id.equals(o.get(mergeKey))).findFirst().orElse(null);
            if (existing != null) {
                rest.remove(existing);
                merge(existing, element, true, path + "[" + id + "]");
                out.add(existing);
            } else {
                out.add(Tree.copy(element));
            }
        }
        out.addAll(rest);
        return out;
    }
}
