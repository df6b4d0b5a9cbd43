package org.openconnector.mapping.engine;

/**
 * Applying a mapping failed for one object: names the mapping, the target key and the template or cast that
 * failed, with the reason. Never carries the input data itself (it may hold personal data).
 */
public class MappingException extends RuntimeException {

    private final String key;
    private final String reason;

    public MappingException(String mappingName, String key, String reason, Throwable cause) {
        super((mappingName == null || mappingName.isBlank() ? "" : "Mapping '" + mappingName + "', ")
                + "key '" + key + "': " + reason, cause, false, false);
        this.key = key;
        this.reason = reason;
    }

    /** The target key (dot path) whose value could not be produced. */
    public String key() {
        return key;
    }

    /** What failed and why, e.g. {@code cast 'date' failed: 'abc' is not a date}. */
    public String reason() {
        return reason;
    }
}
