package org.openconnector.mapping.mappings;

import org.junit.jupiter.api.Test;
import org.openconnector.mapping.MappingIT;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/mappings/test} in both request shapes, with inline and stored mappings, and failures as answers. */
class MappingTestEndpointIT extends MappingIT {

    static final String T = "/api/v1/mappings/test";
    static final String MAPPING = "{'mapping':{'name':'user.name','age':'user.age','greeting':'Hello {{ user.name|upper }}'},"
            + "'cast':{'age':'int'}}";
    static final String INPUT = "{'user':{'name':'Ann','age':'41'}}";
    static final String EXPECTED = "{'name':'Ann','age':41,'greeting':'Hello ANN'}";

    @Test
    void seedShapeAnswersSuccessMessageAndData() {
        JsonNode out = post(T, j("{'mapping':" + MAPPING + ",'data':" + INPUT + "}"), 200);
        assertThat(out.get("success").asBoolean()).isTrue();
        assertThat(out.get("data")).isEqualTo(json.readTree(j(EXPECTED)));
        assertThat(out.get("message").asString()).isNotBlank();
    }

    @Test
    void openConnectorShapeAnswersResultObjectIsValidAndValidationErrors() {
        JsonNode out = post(T, j("{'inputObject':" + INPUT + ",'mapping':" + MAPPING + "}"), 200);
        assertThat(out.get("resultObject")).isEqualTo(json.readTree(j(EXPECTED)));
        assertThat(out.get("isValid").asBoolean()).isTrue();
        assertThat(out.get("validationErrors")).isEmpty();
    }

    @Test
    void aStoredMappingCanBeTestedByItsId() {
        String id = post("/api/v1/mappings", j("{'name':'stored'," + MAPPING.substring(1)), 201).get("id").asString();
        assertThat(post(T, j("{'mapping':'" + id + "','data':" + INPUT + "}"), 200).get("data"))
                .isEqualTo(json.readTree(j(EXPECTED)));
        assertThat(post(T, j("{'mapping':'" + id + "','inputObject':" + INPUT + "}"), 200).get("resultObject"))
                .isEqualTo(json.readTree(j(EXPECTED)));
        post(T, j("{'mapping':'" + UUID.randomUUID() + "','data':{}}"), 404);
    }

    @Test
    void subMappingsAreCalledByStoredIdAsInOpenConnectorsIdiom() {
        String caseType = post("/api/v1/mappings", j("{'name':'casetype','mapping':{'omschrijving':'title','identificatie':'id'}}"), 201)
                .get("id").asString();
        String zaak = "{'mapping':{'zaaktype':'{% if casetype.result|default %}{{ executeMapping(\\'" + caseType
                + "\\', casetype.result)|json_encode }}{% endif %}','kenmerken.0.bron':'xxllnc v1 api'},'cast':{'zaaktype':'jsonToArray'}}";
        JsonNode out = post(T, j("{'mapping':" + zaak + ",'data':{'casetype':{'result':{'title':'Vergunning','id':'zt-1'}}}}"), 200);
        assertThat(out.get("data")).isEqualTo(json.readTree(j(
                "{'zaaktype':{'omschrijving':'Vergunning','identificatie':'zt-1'},'kenmerken':[{'bron':'xxllnc v1 api'}]}")));
        String missing = zaak.replace(caseType, UUID.randomUUID().toString());
        JsonNode failed = post(T, j("{'mapping':" + missing + ",'data':{'casetype':{'result':{'title':'x'}}}}"), 200);
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("errors").get(0).get("key").asString()).isEqualTo("zaaktype");
        assertThat(failed.get("message").asString()).contains("no mapping");
    }

    @Test
    void aFailingCastIsAnAnswerNamingKeyAndReason() {
        String mapping = "{'mapping':{'born':'birth'},'cast':{'born':'date'}}";
        JsonNode seed = post(T, j("{'mapping':" + mapping + ",'data':{'birth':'yesterday'}}"), 200);
        assertThat(seed.get("success").asBoolean()).isFalse();
        assertThat(seed.get("data").isNull()).isTrue();
        assertThat(seed.get("message").asString()).contains("born").contains("cast 'date'").contains("yesterday");
        assertThat(seed.get("errors").get(0).get("key").asString()).isEqualTo("born");

        JsonNode oc = post(T, j("{'inputObject':{'birth':'yesterday'},'mapping':" + mapping + "}"), 200);
        assertThat(oc.get("isValid").asBoolean()).isFalse();
        assertThat(oc.get("resultObject").isNull()).isTrue();
        assertThat(oc.get("validationErrors").get("born").asString()).contains("cast 'date' failed");
    }

    @Test
    void aTemplateThatDoesNotParseOrFailsIsAnAnswerToo() {
        JsonNode parse = post(T, j("{'mapping':{'mapping':{'x':'{% if %}'}},'data':{}}"), 200);
        assertThat(parse.get("success").asBoolean()).isFalse();
        assertThat(parse.get("message").asString()).startsWith("mapping.x:");
        JsonNode render = post(T, j("{'mapping':{'mapping':{'x':'{{ s|b64dec }}'}},'data':{'s':'@@'}}"), 200);
        assertThat(render.get("success").asBoolean()).isFalse();
        assertThat(render.get("errors").get(0).get("reason").asString()).contains("{{ s|b64dec }}");
        JsonNode unknownCast = post(T, j("{'inputObject':{},'mapping':{'mapping':{},'cast':{'a':'nope'}}}"), 200);
        assertThat(unknownCast.get("validationErrors").get("cast.a").asString()).contains("unknown cast 'nope'");
    }
}
