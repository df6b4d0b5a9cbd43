package org.openconnector.job.job;

import jakarta.validation.Valid;
import org.openconnector.common.web.Page;
import org.openconnector.common.web.PageQuery;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/v1/jobs}: OpenConnector's Job resource. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    Mono<Page<JobView>> list(ServerHttpRequest request) {
        return Mono.fromCallable(() -> PageQuery.parse(request.getQueryParams(), JobStore.SORTABLE, JobStore.FILTERABLE))
                .flatMap(jobs::list);
    }

    @GetMapping("/{id}")
    Mono<JobView> get(@PathVariable String id) {
        return Mono.defer(() -> jobs.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<JobView> create(@Valid @RequestBody JobRequest request) {
        return jobs.create(request);
    }

    @PutMapping("/{id}")
    Mono<JobView> update(@PathVariable String id, @Valid @RequestBody JobRequest request) {
        return Mono.defer(() -> jobs.update(id, request));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        return Mono.defer(() -> jobs.delete(id));
    }
}
