package org.openconnector.sync.run;

import org.openconnector.sync.synchronization.Synchronization;
import reactor.core.publisher.Flux;

/**
 * Streams a synchronization's source objects with backpressure. The Flux completes normally only
 * when the whole source was read; {@link Fetch#complete()} then says whether nothing was cut off
 * (e.g. by a page limit) — deletions rely on it. Any failing page ends the Flux with an error.
 */
public interface SourceReader {

    /** The {@code sourceType} this reader serves. */
    String type();

    Flux<tools.jackson.databind.JsonNode> objects(Synchronization sync, Fetch fetch);

    /** What a finished fetch knows about itself. */
    final class Fetch {
        private volatile boolean complete;

        public boolean complete() {
            return complete;
        }

        void markComplete() {
            complete = true;
        }
    }
}
