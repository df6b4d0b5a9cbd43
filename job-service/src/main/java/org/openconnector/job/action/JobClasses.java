package org.openconnector.job.action;

import org.openconnector.common.error.ApiException;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The registry of job classes by {@code type()}. OpenConnector stores PHP class names such as
 * {@code OCA\OpenConnector\Action\SynchronizationAction}; those resolve to the same class, so jobs
 * exported from OpenConnector import unchanged. Two classes with one key fail the start.
 */
@Component
public class JobClasses {

    static final String OPENCONNECTOR_PREFIX = "OCA\\OpenConnector\\Action\\";

    private final Map<String, JobClass> byType = new HashMap<>();

    public JobClasses(List<JobClass> classes) {
        for (JobClass c : classes) {
            if (byType.putIfAbsent(c.type(), c) != null) {
                throw new IllegalStateException("Two job classes with type " + c.type());
            }
        }
    }

    public Optional<JobClass> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.startsWith(OPENCONNECTOR_PREFIX) ? name.substring(OPENCONNECTOR_PREFIX.length()) : name;
        return Optional.ofNullable(byType.get(key));
    }

    /** The class for {@code name}, or a 400 naming the known ones. */
    public JobClass require(String name) {
        return find(name).orElseThrow(() -> ApiException.validation("jobClass",
                "Unknown jobClass '" + name + "'; known: " + new TreeSet<>(byType.keySet())));
    }
}
