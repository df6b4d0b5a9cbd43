package org.openconnector.common.error;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * An error a service raises on purpose; it becomes a problem+json answer with this status.
 * {@code slug} is the last segment of the problem {@code type} URI and stays stable for clients.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final List<Violation> violations;

    public ApiException(HttpStatus status, String slug, String detail) {
        this(status, slug, detail, null);
    }

    public ApiException(HttpStatus status, String slug, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.violations = violations;
    }

    public static ApiException notFound(String resource, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", resource + " " + id + " does not exist");
    }

    public static ApiException validation(List<Violation> violations) {
        String detail = violations.size() == 1 ? violations.get(0).title()
                : violations.size() + " fields are invalid; see violations";
        return new ApiException(HttpStatus.BAD_REQUEST, "validation", detail, List.copyOf(violations));
    }

    public static ApiException validation(String path, String title) {
        return validation(List.of(Violation.invalid(path, title)));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public List<Violation> violations() {
        return violations;
    }
}
