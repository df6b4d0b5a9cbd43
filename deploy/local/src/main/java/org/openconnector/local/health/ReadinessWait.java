package org.openconnector.local.health;

import org.openconnector.local.process.ChildProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Polls each service's {@code /actuator/health/readiness} until all answer UP. Gives up early when a
 * service process dies (that is the error to report, not a timeout) and at the deadline.
 */
public final class ReadinessWait {

    /** How the wait ended: everything ready, a process died, or time ran out. */
    public sealed interface Outcome {
        record Ready() implements Outcome {
        }

        record Died(ChildProcess process) implements Outcome {
        }

        record TimedOut(List<String> notReady) implements Outcome {
        }
    }

    /** A service to wait for: the process that serves it and its readiness URL. */
    public record Target(ChildProcess process, URI readinessUrl) {
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public Outcome await(List<Target> targets, List<ChildProcess> mustStayAlive, Duration timeout,
                         Consumer<Target> onReady) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Target> pending = new LinkedHashMap<>();
        targets.forEach(t -> pending.put(t.process().name(), t));
        while (!pending.isEmpty()) {
            Optional<ChildProcess> dead = mustStayAlive.stream().filter(p -> !p.isAlive()).findFirst();
            if (dead.isPresent()) {
                return new Outcome.Died(dead.get());
            }
            for (Target target : List.copyOf(pending.values())) {
                if (isUp(target.readinessUrl())) {
                    pending.remove(target.process().name());
                    onReady.accept(target);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                return new Outcome.TimedOut(List.copyOf(pending.keySet()));
            }
            Thread.sleep(POLL.toMillis());
        }
        return new Outcome.Ready();
    }

    /** UP means HTTP 200 with {@code "status":"UP"}; anything else (503, refused, timeout) is not yet. */
    public boolean isUp(URI url) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
