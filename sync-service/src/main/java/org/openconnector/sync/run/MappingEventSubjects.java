package org.openconnector.sync.run;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

import java.nio.ByteBuffer;

/**
 * The value deserializer of {@link MappingEventListener}: a {@code platform.events} record becomes the
 * subject of a mapping event ({@code type} {@code org.openconnector.mapping.*}), or null for any other event.
 *
 * <p>Almost every record there is something else — a storage run puts one object event (~1.5 KiB, the
 * mapped object inside) there per written object — so a record is read where the consumer fetched it
 * (no copy, no String) and only up to its top-level {@code type}; a CloudEvent's {@code data} follows it
 * and is never read. A record that is not a JSON object is skipped with a warning, not thrown on (a
 * deserializer that throws would stall the partition).
 */
public final class MappingEventSubjects implements Deserializer<String> {

    private static final Logger log = LoggerFactory.getLogger(MappingEventSubjects.class);
    static final String MAPPING_TYPE_PREFIX = "org.openconnector.mapping.";
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : safely(data, 0, data.length);
    }

    @Override
    public String deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.hasArray()) {
            return safely(data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return safely(copy, 0, copy.length);
    }

    private static String safely(byte[] bytes, int offset, int length) {
        try {
            return subject(bytes, offset, length);
        } catch (RuntimeException e) {
            log.warn("Skipping a platform.events record that is not a CloudEvent: {}", e.toString());
            return null;
        }
    }

    /** The subject of a mapping event ("" when it has none), or null for any other event; reads no further than it must. */
    static String subject(byte[] bytes, int offset, int length) {
        String type = null;
        String subject = null;
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("type") || name.equals("subject")) {
                    String text = value == JsonToken.VALUE_STRING ? p.getString() : "";
                    if (name.equals("type")) {
                        if (!text.startsWith(MAPPING_TYPE_PREFIX)) {
                            return null;
                        }
                        type = text;
                    } else {
                        subject = text;
                    }
                    if (type != null && subject != null) {
                        return subject;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return type == null ? null : "";
    }
}
