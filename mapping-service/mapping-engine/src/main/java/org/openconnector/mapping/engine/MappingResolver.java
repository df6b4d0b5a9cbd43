package org.openconnector.mapping.engine;

import java.util.Optional;

/**
 * Finds a stored mapping for the Twig function {@code executeMapping(<id or reference>, input)}. The engine has
 * no storage of its own; a service that has mappings passes a resolver to {@link MappingCompiler}. It is called
 * while rendering, so it must be fast and non-blocking (e.g. a cache of compiled mappings).
 */
@FunctionalInterface
public interface MappingResolver {

    MappingResolver NONE = ref -> Optional.empty();

    Optional<CompiledMapping> resolve(String idOrReference);
}
