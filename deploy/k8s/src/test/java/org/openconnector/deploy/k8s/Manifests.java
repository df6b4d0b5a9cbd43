package org.openconnector.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test access to the manifests of this module and to the rendered resources as plain maps. */
final class Manifests {

    static final List<String> SERVICES = List.of("gateway-service", "connector-service", "mapping-service",
            "sync-service", "job-service", "event-service");

    private Manifests() {
    }

    /** deploy/k8s (Surefire runs in the module directory). */
    static Path moduleDir() {
        return Path.of("").toAbsolutePath();
    }

    static Path repoRoot() {
        return moduleDir().resolve("../..").normalize();
    }

    /** Every overlay directory under overlays/. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(moduleDir().resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> render(String overlay) {
        return Kustomize.build(moduleDir().resolve("overlays").resolve(overlay));
    }

    static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(((Map<?, ?>) d.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    /** The value at a dotted path with [index] steps, e.g. {@code spec.template.spec.containers[0]}. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String path) {
        Object current = root;
        for (String step : path.split("\\.")) {
            String key = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            current = ((Map<String, Object>) current).get(key);
            if (step.contains("[")) {
                int index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.indexOf(']')));
                current = ((List<Object>) current).get(index);
            }
        }
        return (T) current;
    }

    /** The app container of a Deployment, as a map. */
    static Map<String, Object> container(List<Map<String, Object>> docs, String deployment) {
        return at(find(docs, "Deployment", deployment), "spec.template.spec.containers[0]");
    }
}
