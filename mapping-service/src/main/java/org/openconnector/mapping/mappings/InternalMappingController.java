package org.openconnector.mapping.mappings;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * {@code GET /internal/mappings/{id}} for sync-service (service to service, not routed by the gateway): the stored
 * mapping in its API form, ready for {@code MappingCompiler.compile}. 404 problem+json when unknown.
 */
@Hidden
@RestController
@RequestMapping("/internal/mappings")
public class InternalMappingController {

    private final MappingService service;

    public InternalMappingController(MappingService service) {
        this.service = service;
    }

    @GetMapping("/{id}")
    public Mono<ObjectNode> get(@PathVariable UUID id) {
        return service.find(id).map(StoredMapping::view);
    }
}
