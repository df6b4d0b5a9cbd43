package org.openconnector.connector.source;

import org.openconnector.common.crypto.SecretCipher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Secrets of a source at rest and on read. Top-level secret fields and secret-looking keys inside
 * {@code authenticationConfig}/{@code configuration} are stored as {@link SecretCipher} output;
 * a read shows {@link #MASK} instead. On update, a secret that is omitted or sent back as the mask
 * keeps its stored value, and an empty string clears it; an omitted {@code authenticationConfig}
 * is kept whole (it is where OAuth client secrets live).
 */
@Component
public class SourceSecrets {

    /** What a read shows for a secret that is set. A string, so the field keeps its type. */
    public static final String MASK = "********";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SecretCipher cipher;

    public SourceSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The values to store for {@code incoming}, given what is stored now ({@code null} on create). */
    Map<SourceField, JsonNode> seal(Map<SourceField, JsonNode> incoming, Map<SourceField, JsonNode> stored) {
        Map<SourceField, JsonNode> out = new EnumMap<>(SourceField.class);
        out.putAll(incoming);
        for (SourceField field : SourceField.values()) {
            JsonNode in = incoming.get(field);
            JsonNode old = stored == null ? null : stored.get(field);
            if (field.secret()) {
                out.remove(field);
                if (in == null || MASK.equals(in.stringValue())) {
                    putIfSet(out, field, old);
                } else if (!in.stringValue().isEmpty()) {
                    out.put(field, NODES.stringNode(cipher.encrypt(in.stringValue())));
                }
            } else if (field == SourceField.AUTHENTICATION_CONFIG && in == null) {
                putIfSet(out, field, old);
            } else if ((field == SourceField.AUTHENTICATION_CONFIG || field == SourceField.CONFIGURATION) && in != null) {
                out.put(field, sealTree(in.deepCopy(), old));
            }
        }
        return out;
    }

    /** The read form of a stored value: every encrypted string becomes the mask. */
    public JsonNode mask(JsonNode stored) {
        return mapStrings(stored, s -> SecretCipher.isEncrypted(s) ? MASK : s);
    }

    /** The usable form of a stored value, for outbound calls only; never log or return it. */
    public JsonNode reveal(JsonNode stored) {
        return mapStrings(stored, s -> SecretCipher.isEncrypted(s) ? cipher.decrypt(s) : s);
    }

    public String reveal(String stored) {
        return SecretCipher.isEncrypted(stored) ? cipher.decrypt(stored) : stored;
    }

    private JsonNode sealTree(JsonNode node, JsonNode stored) {
        if (node instanceof ObjectNode object) {
            for (String key : new ArrayList<>(object.propertyNames())) {
                JsonNode value = object.get(key);
                JsonNode old = stored == null ? null : stored.get(key);
                if (SecretKeys.isSecret(key) && value.isValueNode() && !value.isNull()) {
                    String text = value.asString();
                    if (!MASK.equals(text)) {
                        object.set(key, NODES.stringNode(cipher.encrypt(text)));
                    } else if (old != null && SecretCipher.isEncrypted(old.stringValue())) {
                        object.set(key, old);
                    } else {
                        object.remove(key);
                    }
                } else {
                    object.set(key, sealTree(value, old));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, sealTree(array.get(i), stored != null && stored.isArray() ? stored.get(i) : null));
            }
        }
        return node;
    }

    private static JsonNode mapStrings(JsonNode node, UnaryOperator<String> fn) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return NODES.stringNode(fn.apply(node.stringValue()));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = NODES.objectNode();
            object.properties().forEach(e -> copy.set(e.getKey(), mapStrings(e.getValue(), fn)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = NODES.arrayNode(array.size());
            array.forEach(e -> copy.add(mapStrings(e, fn)));
            return copy;
        }
        return node;
    }

    private static void putIfSet(Map<SourceField, JsonNode> out, SourceField field, JsonNode value) {
        if (value != null && !value.isNull()) {
            out.put(field, value);
        }
    }
}
