package org.openconnector.sync.run;

import org.openconnector.mapping.engine.CompiledMapping;
import org.openconnector.mapping.engine.MappingCompiler;
import org.openconnector.sync.config.SyncProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled mappings by id, fetched from mapping-service ({@code GET /internal/mappings/{id}}) and
 * compiled once. {@link MappingEventListener} evicts an entry when mapping-service announces a change,
 * so a run never applies a stale mapping for longer than the event takes to arrive.
 */
@Component
public class MappingCache {

    /** A compiled mapping and when it was last modified (an edit makes unchanged objects re-map once). */
    public record Loaded(CompiledMapping mapping, Instant modified) {
    }

    private final WebClient client;
    private final SyncProperties props;
    private final MappingCompiler compiler = new MappingCompiler();
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    public MappingCache(@Qualifier("mappingClient") WebClient client, SyncProperties props) {
        this.client = client;
        this.props = props;
    }

    public Mono<Loaded> get(String id) {
        Loaded hit = cache.get(id);
        if (hit != null) {
            return Mono.just(hit);
        }
        return client.get().uri("/internal/mappings/{id}", id)
                .exchangeToMono(r -> r.statusCode().is2xxSuccessful() ? r.bodyToMono(JsonNode.class)
                        : r.releaseBody().then(Mono.error(new RunFailure("Mapping " + id + " cannot be loaded: mapping-service answered "
                        + r.statusCode().value()))))
                .timeout(props.callTimeout())
                .map(def -> {
                    String modified = def.path("dateModified").asString(null);
                    Loaded loaded = new Loaded(compiler.compile(def), modified == null ? Instant.now() : Instant.parse(modified));
                    cache.put(id, loaded);
                    return loaded;
                });
    }

    public void evict(String id) {
        cache.remove(id);
    }
}
