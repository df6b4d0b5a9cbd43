package org.openconnector.sync.contract;

import java.util.UUID;

/**
 * What a run needs to know about an existing contract to decide on its object: where it went, the
 * hash last written, whether that write is still current ({@code fresh}: written after the
 * synchronization and its mappings last changed, and with a target hash), and whether the last
 * complete fetch missed the object ({@code missing}; seeing it again clears that).
 */
public record Known(UUID id, String originId, String targetId, String sourceHash, boolean fresh, boolean missing) {
}
