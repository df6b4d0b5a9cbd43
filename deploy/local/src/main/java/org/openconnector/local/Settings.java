package org.openconnector.local;

import org.openconnector.local.services.ServiceCatalog;
import org.openconnector.local.services.ServiceSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one run of the local platform does, from the command line and the environment.
 * The embedded PostgreSQL is skipped when {@code DATABASE_HOST} is set (or {@code --external}),
 * the embedded broker when {@code KAFKA_BOOTSTRAP_SERVERS} is set (or {@code --external}); the
 * services then use those settings as given.
 */
record Settings(Path root, Path dataDir, boolean clean, boolean embeddedPostgres, boolean embeddedKafka,
                int pgPort, int kafkaPort, int kafkaControllerPort,
                String dbHost, int dbPort, String dbName, String dbUser, String dbPassword,
                String kafkaBootstrap, List<ServiceSpec> services,
                List<String> serviceJvmOptions, List<String> kafkaJvmOptions, String brokerClasspath,
                Duration startTimeout) {

    static final String USAGE = """
            usage: ./openconnector [up] [--clean] [--external]
              up          build if needed, start PostgreSQL, Kafka and the six services (default)
              --clean     wipe ./.data (database, broker log, secrets key, logs) first
              --external  use the PostgreSQL/Kafka given by DATABASE_* / KAFKA_BOOTSTRAP_SERVERS
                          instead of starting embedded ones (implied per part when those are set)""";

    static Settings from(String[] args, Map<String, String> env, Path root, String launcherClasspath) {
        List<String> flags = Arrays.stream(args).filter(a -> !a.equals("up")).toList();
        for (String flag : flags) {
            if (!flag.equals("--clean") && !flag.equals("--external")) {
                throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        boolean external = flags.contains("--external");
        boolean embeddedPostgres = !external && isBlank(env.get("DATABASE_HOST"));
        boolean embeddedKafka = !external && isBlank(env.get("KAFKA_BOOTSTRAP_SERVERS"));
        int pgPort = intOf(env, "OPENCONNECTOR_PG_PORT", 5432);
        int kafkaPort = intOf(env, "OPENCONNECTOR_KAFKA_PORT", 9092);
        return new Settings(root,
                Path.of(env.getOrDefault("OPENCONNECTOR_DATA_DIR", root.resolve(".data").toString())).toAbsolutePath(),
                flags.contains("--clean"), embeddedPostgres, embeddedKafka,
                pgPort, kafkaPort, intOf(env, "OPENCONNECTOR_KAFKA_CONTROLLER_PORT", kafkaPort + 1),
                embeddedPostgres ? "localhost" : env.getOrDefault("DATABASE_HOST", "localhost"),
                embeddedPostgres ? pgPort : intOf(env, "DATABASE_PORT", 5432),
                env.getOrDefault("DATABASE_NAME", "openconnector"),
                env.getOrDefault("DATABASE_USER", "openconnector"),
                env.getOrDefault("DATABASE_PASSWORD", "openconnector"),
                embeddedKafka ? "localhost:" + kafkaPort : env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                ServiceCatalog.all(env),
                words(env.getOrDefault("OPENCONNECTOR_JAVA_OPTS",
                        "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:+ExitOnOutOfMemoryError")),
                words(env.getOrDefault("OPENCONNECTOR_KAFKA_JAVA_OPTS", "-Xms128m -Xmx384m -XX:+UseSerialGC")),
                launcherClasspath,
                Duration.ofSeconds(intOf(env, "OPENCONNECTOR_START_TIMEOUT", 300)));
    }

    /** Without the database password: settings may end up in a log. */
    @Override
    public String toString() {
        return "Settings[dataDir=" + dataDir + ", embeddedPostgres=" + embeddedPostgres + ", embeddedKafka="
                + embeddedKafka + ", db=" + dbHost + ":" + dbPort + "/" + dbName + ", kafka=" + kafkaBootstrap + "]";
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    /**
     * Class-data archives are a build cache, not data: they live with the build output (gone with
     * {@code mvn clean}) and survive {@code --clean}, so a clean start is not also a slow one.
     */
    Path classDataCache() {
        return root.resolve("deploy/local/target/cds");
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static int intOf(Map<String, String> env, String key, int fallback) {
        String value = env.get(key);
        if (isBlank(value)) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + value + "'");
        }
    }
}
