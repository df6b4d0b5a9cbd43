package org.openconnector.deploy.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the subset of kustomize this
 * project uses. No kustomize binary is installable from the package registries CI reaches, so the
 * test renders with this; to keep it from silently diverging from real kustomize, any field outside
 * the subset is an error rather than ignored:
 * <ul>
 *   <li>{@code resources}: YAML files and directories holding a kustomization.yaml</li>
 *   <li>{@code namespace}: set on every resource</li>
 *   <li>{@code images}: {@code name}, {@code newName}, {@code newTag}, {@code digest}</li>
 *   <li>{@code patches}: {@code path} and an optional {@code target} ({@code kind}, {@code name});
 *       strategic merge for built-in kinds, JSON merge patch for custom resources ({@link Patches})</li>
 * </ul>
 */
public final class Kustomize {

    static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag", "digest");
    private static final Set<String> PATCH_FIELDS = Set.of("path", "target");
    private static final Set<String> TARGET_FIELDS = Set.of("kind", "name");

    private Kustomize() {
    }

    public static List<Map<String, Object>> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new KustomizeException(dir + ": no kustomization.yaml");
        }
        Map<String, Object> k = Yaml.single(file);
        onlyFields(k, FIELDS, file + "");
        if (!"kustomize.config.k8s.io/v1beta1".equals(k.get("apiVersion")) || !"Kustomization".equals(k.get("kind"))) {
            throw new KustomizeException(file + ": apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(k.get("resources"), file + " resources")) {
            Path path = dir.resolve(String.valueOf(entry)).normalize();
            resources.addAll(Files.isDirectory(path) ? build(path) : Yaml.documents(path));
        }
        rejectDuplicates(resources, file);
        for (Object entry : list(k.get("patches"), file + " patches")) {
            Map<String, Object> patch = map(entry, file + " patches[]");
            onlyFields(patch, PATCH_FIELDS, file + " patches[]");
            Map<String, Object> target = patch.containsKey("target") ? map(patch.get("target"), file + " target") : null;
            if (target != null) {
                onlyFields(target, TARGET_FIELDS, file + " patches[].target");
            }
            Patches.apply(resources, Yaml.single(dir.resolve(String.valueOf(patch.get("path")))), target);
        }
        if (k.get("namespace") instanceof String ns) {
            resources.forEach(r -> Tree.map(r, "metadata").put("namespace", ns));
        }
        for (Object entry : list(k.get("images"), file + " images")) {
            Map<String, Object> image = map(entry, file + " images[]");
            onlyFields(image, IMAGE_FIELDS, file + " images[]");
            Images.apply(resources, image);
        }
        return resources;
    }

    static void onlyFields(Map<String, Object> map, Set<String> allowed, String where) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new KustomizeException(where + ": field '" + key + "' is outside the kustomize subset this "
                        + "project renders (" + allowed + "); extend Kustomize and its tests before using it");
            }
        }
    }

    private static void rejectDuplicates(List<Map<String, Object>> resources, Path file) {
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> r : resources) {
            String id = r.get("apiVersion") + "/" + r.get("kind") + "/" + Tree.map(r, "metadata").get("name");
            if (!ids.add(id)) {
                throw new KustomizeException(file + ": resource " + id + " is defined twice");
            }
        }
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new KustomizeException(where + " must be a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new KustomizeException(where + " must be a mapping");
    }
}
