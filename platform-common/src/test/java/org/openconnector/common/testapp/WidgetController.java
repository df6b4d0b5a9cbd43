package org.openconnector.common.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.openconnector.common.error.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** A resource that exists only to exercise the shared error contract end to end. */
@RestController
@RequestMapping("/api/v1/widgets")
class WidgetController {

    enum Colour { red, green }

    record Nested(Integer count) {
    }

    record Widget(@NotBlank String name, @NotNull Integer size, Colour colour, UUID ownerId, Nested nested) {
    }

    @PostMapping
    Mono<Widget> create(@Valid @RequestBody Widget widget) {
        return Mono.just(widget);
    }

    @GetMapping("/{id}")
    Mono<Widget> get(@PathVariable UUID id) {
        return Mono.error(ApiException.notFound("Widget", id));
    }

    @GetMapping("/boom")
    Mono<Widget> boom() {
        return Mono.error(new IllegalStateException("internal detail that must not leak"));
    }
}
