package org.openconnector.mapping.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mapping definition cannot be compiled: each {@link Problem} points at the part that is wrong
 * ({@code mapping.fullName}, {@code cast.age}, {@code unset[2]}, ...) and says why.
 */
public class MappingDefinitionException extends IllegalArgumentException {

    /** One thing wrong with the definition: where (a path into the definition) and why. */
    public record Problem(String path, String message) {
    }

    private final List<Problem> problems;

    public MappingDefinitionException(List<Problem> problems) {
        super(problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
