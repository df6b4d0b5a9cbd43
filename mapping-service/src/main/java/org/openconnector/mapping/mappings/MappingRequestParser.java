package org.openconnector.mapping.mappings;

import org.openconnector.common.error.Violation;
import org.openconnector.mapping.engine.MappingCompiler;
import org.openconnector.mapping.engine.MappingDefinitionException;
import org.openconnector.mapping.web.BodyReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Checks a Mapping body (seed 000) and compiles its definition with the engine, so a template that does not
 * parse or an unknown cast is refused at save time with a violation pointing at the key ({@code mapping.<key>},
 * {@code cast.<key>}), instead of failing every later sync.
 */
final class MappingRequestParser {

    static final Set<String> FIELDS = Set.of("id", "uuid", "reference", "version", "name", "description",
            "mapping", "unset", "cast", "passThrough");
    static final Set<String> READ_ONLY = Set.of("dateCreated", "dateModified");

    private MappingRequestParser() {
    }

    static MappingDraft parse(JsonNode body, MappingCompiler compiler) {
        BodyReader in = BodyReader.of(body, FIELDS, READ_ONLY);
        var id = in.requestedId();
        String name = in.string("name", true, BodyReader.MAX_NAME);
        String description = in.string("description", false, BodyReader.MAX_TEXT);
        String reference = in.string("reference", false, BodyReader.MAX_TEXT);
        String version = in.string("version", false, BodyReader.MAX_NAME);
        JsonNode mapping = in.object("mapping", true);
        JsonNode unset = in.raw("unset");
        if (unset != null && !unset.isArray()) {
            in.violation(new Violation("unset", "unset has the wrong type; expected an array of strings", "type"));
        }
        JsonNode cast = in.object("cast", false);
        Boolean passThrough = in.bool("passThrough");
        if (mapping != null && !in.hasViolation("cast") && !in.hasViolation("unset")) {
            compile(compiler, mapping, unset, cast, in);
        }
        in.done();
        return new MappingDraft(id, name, description, reference, version, mapping,
                unset != null ? unset : JsonNodeFactory.instance.arrayNode(),
                cast != null ? cast : JsonNodeFactory.instance.objectNode(), Boolean.TRUE.equals(passThrough));
    }

    private static void compile(MappingCompiler compiler, JsonNode mapping, JsonNode unset, JsonNode cast, BodyReader in) {
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        definition.set("mapping", mapping);
        definition.set("unset", unset);
        definition.set("cast", cast);
        try {
            compiler.compile(definition);
        } catch (MappingDefinitionException e) {
            e.problems().forEach(p -> in.violation(Violation.invalid(p.path(), p.path() + ": " + p.message())));
        }
    }
}
