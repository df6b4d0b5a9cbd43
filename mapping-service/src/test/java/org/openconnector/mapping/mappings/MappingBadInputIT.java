package org.openconnector.mapping.mappings;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openconnector.common.test.ProblemAnswers;
import org.openconnector.mapping.MappingIT;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad input on every mappings and rules endpoint gives a 4xx problem+json naming what is wrong (a violation's
 * property path, or a fragment of the detail). Never a 5xx.
 */
class MappingBadInputIT extends MappingIT {

    private static final String M = "/api/v1/mappings";
    private static final String T = M + "/test";
    private static final String R = "/api/v1/rules";
    private static final String OK_M = "'name':'n','mapping':{}";
    private static final String OK_R = "'name':'n','action':'create','timing':'before','type':'error'";

    static Stream<Arguments> cases() {
        String unknownM = M + "/" + UUID.randomUUID();
        String unknownR = R + "/" + UUID.randomUUID();
        String big = " ".repeat(1024 * 1024);
        return Stream.of(
                // method, path, content type, body, status, violation path or detail fragment
                arguments("POST", M, "json", "{'name':", 400, "not valid JSON"),
                arguments("POST", M, "json", "", 400, "missing"),
                arguments("POST", M, "json", "null", 400, "$"),
                arguments("POST", M, "json", "[]", 400, "$"),
                arguments("POST", M, "text", "name=n", 415, "not supported"),
                arguments("POST", M, "json", "{'mapping':{}}", 400, "name"),
                arguments("POST", M, "json", "{'name':' ','mapping':{}}", 400, "name"),
                arguments("POST", M, "json", "{'name':'n'}", 400, "mapping"),
                arguments("POST", M, "json", "{'name':'n','mapping':'user.name'}", 400, "mapping"),
                arguments("POST", M, "json", "{'name':'n','mapping':[]}", 400, "mapping"),
                arguments("POST", M, "json", "{'name':7,'mapping':{}}", 400, "name"),
                arguments("POST", M, "json", "{'name':'" + "x".repeat(256) + "','mapping':{}}", 400, "name"),
                arguments("POST", M, "json", "{" + OK_M + ",'passThrough':'yes'}", 400, "passThrough"),
                arguments("POST", M, "json", "{" + OK_M + ",'passTrough':true}", 400, "passTrough"),
                arguments("POST", M, "json", "{" + OK_M + ",'unset':'a'}", 400, "unset"),
                arguments("POST", M, "json", "{" + OK_M + ",'unset':[1]}", 400, "unset[0]"),
                arguments("POST", M, "json", "{" + OK_M + ",'cast':[]}", 400, "cast"),
                arguments("POST", M, "json", "{" + OK_M + ",'cast':{'a':5}}", 400, "cast.a"),
                arguments("POST", M, "json", "{" + OK_M + ",'cast':{'a':'int,bogus'}}", 400, "cast.a"),
                arguments("POST", M, "json", "{" + OK_M + ",'cast':{'a':'unsetIfValue'}}", 400, "cast.a"),
                arguments("POST", M, "json", "{'name':'n','mapping':{'a':'{{ x '}}", 400, "mapping.a"),
                arguments("POST", M, "json", "{'name':'n','mapping':{'a':'{% for %}'}}", 400, "mapping.a"),
                arguments("POST", M, "json", "{" + OK_M + ",'version':1}", 400, "version"),
                arguments("POST", M, "json", "{" + OK_M + ",'id':42}", 400, "id"),
                arguments("POST", M, "json", "{" + OK_M + ",'uuid':'nope'}", 400, "uuid"),
                arguments("POST", M, "json", "{" + OK_M + ",'colour':'red'}", 400, "colour"),
                arguments("POST", M, "json", "{" + OK_M + ",'description':'" + big + "'}", 413, "at most"),
                arguments("GET", M + "/not-a-uuid", null, null, 400, "id"),
                arguments("GET", unknownM, null, null, 404, "does not exist"),
                arguments("GET", "/internal/mappings/nope", null, null, 400, "id"),
                arguments("PUT", unknownM, "json", "{" + OK_M + "}", 404, "does not exist"),
                arguments("PUT", unknownM, "json", "{'name':'n','mapping':{'a':'{{'}}", 400, "mapping.a"),
                arguments("PUT", M + "/" + UUID.randomUUID(), "json", "{" + OK_M + ",'id':'" + UUID.randomUUID() + "'}", 400, "id"),
                arguments("DELETE", unknownM, null, null, 404, "does not exist"),
                arguments("DELETE", M + "/x", null, null, 400, "id"),
                arguments("PATCH", unknownM, "json", "{}", 405, "not allowed"),
                arguments("GET", M + "?_limit=0", null, null, 400, "_limit"),
                arguments("GET", M + "?_order[colour]=asc", null, null, 400, "_order[colour]"),
                arguments("GET", M + "?colour=red", null, null, 400, "colour"),
                arguments("GET", M + "?passThrough=maybe", null, null, 400, "passThrough"),
                // the test endpoint: malformed requests are 4xx; failing mappings are 200 answers (MappingTestEndpointIT)
                arguments("POST", T, "json", "{'data':{}}", 400, "mapping"),
                arguments("POST", T, "json", "{'mapping':{'mapping':{}}}", 400, "data"),
                arguments("POST", T, "json", "{'mapping':{'mapping':{}},'data':[1]}", 400, "data"),
                arguments("POST", T, "json", "{'mapping':{'mapping':{}},'inputObject':'x'}", 400, "inputObject"),
                arguments("POST", T, "json", "{'mapping':{'mapping':{}},'inputObject':{},'data':{}}", 400, "data"),
                arguments("POST", T, "json", "{'mapping':7,'data':{}}", 400, "mapping"),
                arguments("POST", T, "json", "{'mapping':'not-an-id','data':{}}", 400, "mapping"),
                arguments("POST", T, "json", "{'mapping':{'cast':{}},'data':{}}", 400, "mapping.mapping"),
                arguments("POST", T, "json", "{'mapping':'" + UUID.randomUUID() + "','data':{}}", 404, "does not exist"),
                arguments("POST", T, "json", "{'mapping':{'mapping':{}},'inputObject':{},'schema':'s','validation':true}", 400, "schema"),
                arguments("POST", T, "json", "{'mapping':{'mapping':{}},'data':{},'extra':1}", 400, "extra"),
                arguments("POST", T, "json", "{'mapping':", 400, "not valid JSON"),
                // rules
                arguments("POST", R, "json", "{'action':'create','timing':'before','type':'error'}", 400, "name"),
                arguments("POST", R, "json", "{'name':'n','timing':'before','type':'error'}", 400, "action"),
                arguments("POST", R, "json", "{'name':'n','action':'get','timing':'before','type':'error'}", 400, "action"),
                arguments("POST", R, "json", "{'name':'n','action':'create','timing':'during','type':'error'}", 400, "timing"),
                arguments("POST", R, "json", "{'name':'n','action':'create','timing':'before','type':'magic'}", 400, "type"),
                arguments("POST", R, "json", "{'name':'n','action':'create','timing':'before'}", 400, "type"),
                arguments("POST", R, "json", "{" + OK_R + ",'order':'1'}", 400, "order"),
                arguments("POST", R, "json", "{" + OK_R + ",'order':1.5}", 400, "order"),
                arguments("POST", R, "json", "{" + OK_R + ",'configuration':[]}", 400, "configuration"),
                arguments("POST", R, "json", "{" + OK_R + ",'conditions':'x'}", 400, "conditions"),
                arguments("POST", R, "json", "{" + OK_R + ",'conditions':{'frob':[1]}}", 400, "conditions"),
                arguments("POST", R, "json", "{" + OK_R + ",'conditions':[{'==':[1]},{'nope':2}]}", 400, "conditions"),
                arguments("POST", R, "json", "{'name':'n','action':'create','timing':'before','type':'mapping'}", 400, "configuration.mapping"),
                arguments("POST", R, "json", "{'name':'n','action':'create','timing':'before','type':'mapping','configuration':{'mapping':5}}", 400, "configuration.mapping"),
                arguments("POST", R, "json", "{'name':'n','action':'create','timing':'before','type':'mapping','configuration':{'mapping':'" + UUID.randomUUID() + "'}}", 400, "configuration.mapping"),
                arguments("POST", R, "json", "{" + OK_R + ",'colour':1}", 400, "colour"),
                arguments("POST", R, "json", "[]", 400, "$"),
                arguments("GET", R + "/x", null, null, 400, "id"),
                arguments("GET", unknownR, null, null, 404, "does not exist"),
                arguments("PUT", unknownR, "json", "{" + OK_R + "}", 404, "does not exist"),
                arguments("PUT", unknownR, "json", "{'name':'n'}", 400, "action"),
                arguments("DELETE", unknownR, null, null, 404, "does not exist"),
                arguments("GET", R + "?type=magic", null, null, 400, "type"),
                arguments("GET", R + "?timing=now", null, null, 400, "timing"),
                arguments("GET", R + "?_order[order]=sideways", null, null, 400, "_order[order]"),
                arguments("GET", "/internal/rules/" + UUID.randomUUID(), null, null, 404, "does not exist"));
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4}")
    @MethodSource("cases")
    void answersProblemJsonNamingTheField(String method, String path, String type, String body, int status, String names) {
        MediaType mediaType = type == null ? null : type.equals("json") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN;
        JsonNode problem = ProblemAnswers.expectProblem(web, method, path, mediaType, body == null ? null : j(body), status);
        ProblemAnswers.assertNames(problem, names);
    }
}
