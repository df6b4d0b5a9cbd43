package org.openconnector.local;

import org.openconnector.local.process.ShutdownSequence;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Entry point of {@code ./openconnector up}: runs the whole platform on this machine and stops
 * all of it on Ctrl-C/SIGTERM, on a crash of any part, or on a failed start.
 *
 * <p>System properties (set by the script): {@code openconnector.home} (repository root) and
 * {@code openconnector.kafka.lib} (the jars of the Kafka broker process, deploy/local/target/lib).
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println(Settings.USAGE);
            return;
        }
        Settings settings;
        try {
            Path root = Path.of(System.getProperty("openconnector.home", ".")).toAbsolutePath().normalize();
            settings = Settings.from(args, System.getenv(), root, BrokerClasspath.resolve());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ShutdownSequence shutdown = new ShutdownSequence(out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shutdown.run();
            RunState.clear(settings.dataDir());
            out.println("Stopped.");
        }, "openconnector-shutdown"));
        int code;
        try {
            code = new PlatformRun(settings, shutdown, out).run();
        } catch (Exception e) {
            Throwable cause = Unchecked.cause(e);
            out.println();
            out.println("Start-up failed: " + cause.getMessage());
            if (!(cause instanceof IllegalStateException || cause instanceof java.io.IOException)) {
                cause.printStackTrace(out);
            }
            code = 1;
        }
        System.exit(code);
    }
}
