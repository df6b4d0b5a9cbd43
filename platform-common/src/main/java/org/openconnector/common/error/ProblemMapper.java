package org.openconnector.common.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Turns any throwable into the {@link Problem} a client sees. The single place that decides
 * status codes, so controllers, filters and the fallback web exception handler agree.
 * Only {@link #toProblem} output leaves the service: never a message of an unexpected exception.
 */
public final class ProblemMapper {

    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    private ProblemMapper() {
    }

    public static Problem toProblem(Throwable error) {
        if (error instanceof ApiException api) {
            return problem(api.status(), api.slug(), api.getMessage(), api.violations());
        }
        if (error instanceof WebExchangeBindException bind) {
            return fromViolations(bind.getFieldErrors().stream().map(ProblemMapper::violation).toList());
        }
        if (error instanceof HandlerMethodValidationException hmv) {
            List<Violation> list = new ArrayList<>();
            hmv.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(e ->
                    list.add(Violation.invalid(r.getMethodParameter().getParameterName(), e.getDefaultMessage()))));
            return fromViolations(list);
        }
        DataBufferLimitException limit = find(error, DataBufferLimitException.class);
        if (limit != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    "The request body is larger than this API accepts", null);
        }
        if (error instanceof ServerWebInputException input) {
            return fromInput(input);
        }
        if (error instanceof UnsupportedMediaTypeStatusException media) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Content type " + media.getContentType() + " is not supported; send application/json", null);
        }
        if (error instanceof MethodNotAllowedException mna) {
            return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    "Method " + mna.getHttpMethod() + " is not allowed here; allowed: " + mna.getSupportedMethods(), null);
        }
        if (error instanceof ResponseStatusException rse) {
            return fromStatus(rse.getStatusCode(), rse.getReason());
        }
        if (error instanceof DuplicateKeyException) {
            return problem(HttpStatus.CONFLICT, "conflict", "A resource with the same unique key already exists", null);
        }
        if (error instanceof DataIntegrityViolationException) {
            return problem(HttpStatus.CONFLICT, "conflict", "The change conflicts with stored data", null);
        }
        if (find(error, TimeoutException.class) != null) {
            return problem(HttpStatus.GATEWAY_TIMEOUT, "timeout", "A dependency did not answer in time", null);
        }
        log.error("Unhandled error", error);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "An unexpected error occurred; quote the traceId when reporting it", null);
    }

    public static Problem problem(HttpStatusCode status, String slug, String detail, List<Violation> violations) {
        HttpStatus resolved = HttpStatus.resolve(status.value());
        String title = resolved != null ? resolved.getReasonPhrase() : "Error";
        return new Problem(Problem.TYPE_BASE + slug, title, status.value(), detail, null, null,
                violations == null || violations.isEmpty() ? null : violations);
    }

    private static Problem fromViolations(List<Violation> violations) {
        ApiException ex = ApiException.validation(violations);
        return problem(ex.status(), ex.slug(), ex.getMessage(), ex.violations());
    }

    private static Violation violation(FieldError fe) {
        boolean missing = fe.getRejectedValue() == null;
        return new Violation(fe.getField(), fe.getField() + " " + fe.getDefaultMessage(),
                missing ? "required" : "invalid");
    }

    private static Problem fromStatus(HttpStatusCode status, String reason) {
        if (status.value() == 404) {
            return problem(status, "not-found", reason != null ? reason : "No such resource or endpoint", null);
        }
        return problem(status, "http-" + status.value(), reason, null);
    }

    private static Problem fromInput(ServerWebInputException input) {
        TypeMismatchException mismatch = find(input, TypeMismatchException.class);
        if (mismatch != null) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName()
                    : input.getMethodParameter() != null ? input.getMethodParameter().getParameterName() : "parameter";
            String expected = mismatch.getRequiredType() != null ? mismatch.getRequiredType().getSimpleName() : "value";
            String title = name + " must be a valid " + ("UUID".equals(expected) ? "UUID" : expected)
                    + " (got '" + mismatch.getValue() + "')";
            return fromViolations(List.of(Violation.invalid(name, title)));
        }
        JacksonException json = find(input, JacksonException.class);
        if (json != null) {
            return fromJson(json);
        }
        if (find(input, DecodingException.class) != null || input.getReason() != null
                && input.getReason().contains("body is missing")) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-body",
                    "The request body is missing or is not valid JSON", null);
        }
        return problem(HttpStatus.BAD_REQUEST, "bad-request", input.getReason(), null);
    }

    private static Problem fromJson(JacksonException json) {
        String path = json instanceof DatabindException db ? JsonPaths.of(db.getPath()) : "";
        if (json instanceof UnrecognizedPropertyException unknown) {
            return fromViolations(List.of(new Violation(path, "Unknown field '" + unknown.getPropertyName()
                    + "'; remove it or check its spelling", "unknown-field")));
        }
        if (json instanceof InvalidFormatException format) {
            String target = format.getTargetType() != null ? format.getTargetType().getSimpleName() : "value";
            String title = format.getTargetType() != null && format.getTargetType().isEnum()
                    ? path + " must be one of " + JsonPaths.enumValues(format.getTargetType())
                    + " (got '" + format.getValue() + "')"
                    : path + " must be a valid " + target + " (got '" + format.getValue() + "')";
            return fromViolations(List.of(Violation.invalid(path, title)));
        }
        if (json instanceof MismatchedInputException mismatch) {
            String target = mismatch.getTargetType() != null ? JsonPaths.typeName(mismatch.getTargetType()) : "another type";
            return fromViolations(List.of(new Violation(path.isEmpty() ? "$" : path,
                    (path.isEmpty() ? "The body" : path) + " has the wrong type; expected " + target, "type")));
        }
        if (json instanceof StreamReadException read) {
            String where = read.getLocation() != null ? " at line " + read.getLocation().getLineNr()
                    + ", column " + read.getLocation().getColumnNr() : "";
            return problem(HttpStatus.BAD_REQUEST, "malformed-body", "The request body is not valid JSON" + where, null);
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-body", "The request body could not be read as JSON", null);
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
