package org.openconnector.mapping.rules;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** {@code GET /internal/rules/{id}} for sync-service's actions (service to service, not routed by the gateway). */
@Hidden
@RestController
@RequestMapping("/internal/rules")
public class InternalRuleController {

    private final RuleService service;

    InternalRuleController(RuleService service) {
        this.service = service;
    }

    @GetMapping("/{id}")
    public Mono<ObjectNode> get(@PathVariable UUID id) {
        return service.get(id);
    }
}
