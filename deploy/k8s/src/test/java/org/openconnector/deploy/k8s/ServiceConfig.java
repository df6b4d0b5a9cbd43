package org.openconnector.deploy.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service actually reads, from its own source: its application.yml plus the platform-common
 * file it imports. Environment variables are the {@code ${NAME:default}} placeholders in them.
 *
 * @param properties flattened properties (dotted keys) of both files
 * @param env        environment variable name to its default ("" when none)
 */
record ServiceConfig(Map<String, Object> properties, Map<String, String> env) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final String COMMON = "classpath:openconnector-service.yml";

    static ServiceConfig of(String service) {
        Path root = Manifests.repoRoot();
        Path own = root.resolve(service).resolve("src/main/resources/application.yml");
        if (!Files.isRegularFile(own)) {
            throw new AssertionError(own + " is missing: the manifests cannot be checked against what "
                    + service + " reads (its port and environment)");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        flatten("", Yaml.single(own), props);
        if (String.valueOf(props.get("spring.config.import")).contains(COMMON)) {
            flatten("", Yaml.single(root.resolve("platform-common/src/main/resources/openconnector-service.yml")), props);
        }
        Map<String, String> env = new TreeMap<>();
        props.values().forEach(v -> {
            Matcher m = PLACEHOLDER.matcher(String.valueOf(v));
            while (m.find()) {
                env.put(m.group(1), m.group(2) == null ? "" : m.group(2));
            }
        });
        return new ServiceConfig(props, env);
    }

    /** server.port's default (the service's port when PORT is not set), Spring's 8080 when unset. */
    int port() {
        Object port = properties.getOrDefault("server.port", 8080);
        Matcher m = PLACEHOLDER.matcher(String.valueOf(port));
        return Integer.parseInt(m.matches() ? m.group(2) : String.valueOf(port));
    }

    /** The variables without which a service would talk to localhost (or the dev default database). */
    Set<String> required() {
        return Set.copyOf(env.keySet().stream()
                .filter(n -> env.get(n).contains("localhost") || List.of("DATABASE_NAME", "DATABASE_USER",
                        "DATABASE_PASSWORD").contains(n))
                .toList());
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                flatten(key, (Map<String, Object>) m, out);
            } else {
                out.put(key, v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v);
            }
        });
    }
}
