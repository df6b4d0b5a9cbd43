package org.openconnector.common.error;

/**
 * One thing wrong with a request, in Alumio's shape: where ({@code propertyPath}), what
 * ({@code title}) and a stable machine-readable kind ({@code type}, e.g. {@code required}).
 */
public record Violation(String propertyPath, String title, String type) {

    public static Violation required(String path) {
        return new Violation(path, path + " is required", "required");
    }

    public static Violation invalid(String path, String title) {
        return new Violation(path, title, "invalid");
    }
}
