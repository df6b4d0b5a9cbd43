package org.openconnector.mapping.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every cast of the reference's table, table-driven: {@code input} and {@code expected} are JSON; an expected
 * {@code <removed>} means the key is deleted. Inputs include nulls and wrong types.
 */
class CastsTest {

    static final JsonMapper JSON = JsonMapper.shared();
    static final MappingCompiler COMPILER = new MappingCompiler();

    static JsonNode cast(String cast, String inputJson) {
        JsonNode definition = JSON.createObjectNode().put("passThrough", true)
                .set("cast", JSON.createObjectNode().put("v", cast));
        JsonNode input = JSON.createObjectNode().set("v", JSON.readTree(inputJson));
        return COMPILER.compile(definition).apply(input);
    }

    @ParameterizedTest(name = "{0} of {1} is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "string | 12 | '12'", "string | 1.5 | '1.5'", "string | 2.0 | '2'", "string | true | '1'", "string | false | ''",
            "string | null | ''", "string | 'x' | 'x'", "string | [1,2] | '[1,2]'",
            "bool | '1' | true", "bool | '2' | false", "bool | '1abc' | true", "bool | 'TRUE' | true", "bool | 'yes' | true",
            "bool | 'no' | false", "bool | 1 | true", "bool | 1.7 | true", "bool | 0 | false", "bool | null | false",
            "bool | [] | false", "bool | [5] | true", "bool | true | true", "boolean | 'Yes' | true",
            "?bool | null | null", "?bool | '1' | true", "?boolean | null | null", "?boolean | 'nope' | false",
            "int | '12abc' | 12", "int | 'abc' | 0", "int | 3.9 | 3", "int | -3.9 | -3", "int | true | 1", "int | null | 0",
            "int | ' 42' | 42", "int | '1e3' | 1000", "int | '7.9' | 7", "int | {} | 0", "int | {'a':1} | 1",
            "integer | '25' | 25", "int | 9999999999 | 9999999999",
            "float | '95.5' | 95.5", "float | '1.5kg' | 1.5", "float | 'x' | 0.0", "float | true | 1.0", "float | null | 0.0",
            "float | 3 | 3.0",
            "array | 'x' | ['x']", "array | null | []", "array | [1] | [1]", "array | {'a':1} | {'a':1}", "array | 5 | [5]",
            "url | 'a b&c*~' | 'a+b%26c%2A%7E'", "urlDecode | 'a+b%26c' | 'a b&c'",
            "rawurl | 'a b&c*~' | 'a%20b%26c%2A~'", "rawurlDecode | 'a%20b+c' | 'a b+c'",
            "html | '<a href=\"x\">é & ü</a>' | '&lt;a href=&quot;x&quot;&gt;&eacute; &amp; &uuml;&lt;/a&gt;'",
            "htmlDecode | '&lt;b&gt; &amp; &eacute;&#039;' | '<b> & é''",
            "base64 | 'hello' | 'aGVsbG8='", "base64Decode | 'aGVsbG8=' | 'hello'", "base64 | 12 | 'MTI='",
            "json | {'a':[1,'x']} | '{\"a\":[1,\"x\"]}'", "json | 'x' | '\"x\"'", "json | null | 'null'",
            "jsonToArray | '{\"a\":1}' | {'a':1}", "jsonToArray | '{&quot;a&quot;:1}' | {'a':1}", "jsonToArray | 'nope' | null",
            "jsonToArray | {'a':1} | {'a':1}", "jsonToArray | '' | null", "jsonToArray | 5 | 5",
            "utf8 | 'Crème brûlée ß €' | 'Creme brulee ss EUR'", "utf8 | '日本' | '??'", "utf8 | null | ''",
            "nullStringToNull | 'null' | null", "nullStringToNull | 'NULL' | 'NULL'", "nullStringToNull | 5 | 5",
            "coordinateStringToArray | '52.1 4.2 52.3 4.4' | [['52.1','4.2'],['52.3','4.4']]",
            "coordinateStringToArray | '52.1 4.2' | ['52.1','4.2']", "coordinateStringToArray | '' | ['']",
            "coordinateStringToArray | '1 2 3' | [['1','2'],['3']]",
            "moneyStringToInt | '1.234,56' | 123456", "moneyStringToInt | '12,5' | 125", "moneyStringToInt | 'abc' | 0",
            "moneyStringToInt | null | 0", "moneyStringToInt | 12.5 | 125",
            "intToMoneyString | 123456 | '1.234,56'", "intToMoneyString | 5 | '0,05'", "intToMoneyString | -123456 | '-1.234,56'",
            "intToMoneyString | '99' | '0,99'", "intToMoneyString | null | '0,00'", "intToMoneyString | 100000000 | '1.000.000,00'",
            "keyCantBeValue | 'v' | <removed>", "keyCantBeValue | 'w' | 'w'", "keyCantBeValue | null | null",
            "unsetIfValue==inactive | 'inactive' | <removed>", "unsetIfValue==inactive | 'active' | 'active'",
            "unsetIfValue==1 | 1 | <removed>", "unsetIfValue==1 | '1.0' | <removed>", "unsetIfValue==1 | true | <removed>",
            "unsetIfValue==abc | 0 | 0", "unsetIfValue== | '' | <removed>", "unsetIfValue== | null | <removed>",
            "unsetIfValue== | '0' | <removed>", "unsetIfValue== | 0 | <removed>", "unsetIfValue== | false | <removed>",
            "unsetIfValue== | [] | <removed>", "unsetIfValue== | {'a':'','b':{'c':null}} | <removed>",
            "unsetIfValue== | {'a':'','b':'x'} | {'a':'','b':'x'}", "unsetIfValue== | 'x' | 'x'",
            "setNullIfValue== | '' | null", "setNullIfValue==n/a | 'n/a' | null", "setNullIfValue==n/a | 'x' | 'x'",
            "date | '2024-05-01' | '2024-05-01'", "date | '2024-05-01T10:15:30' | '2024-05-01T10:15:30'",
            "date | '2024-05-01T10:15:30+02:00' | '2024-05-01T10:15:30+02:00'", "date | '2024-05-01T10:15:30Z' | '2024-05-01T10:15:30Z'",
            "date | 0 | '1970-01-01T00:00:00Z'", "date | '1714557600' | '2024-05-01T10:00:00Z'", "date | null | null",
            "date | '2024-05-01 10:15:30' | '2024-05-01T10:15:30'", "date | 'Wed, 1 May 2024 10:15:30 GMT' | '2024-05-01T10:15:30Z'",
            "date:dd-MM-yyyy | '2024-05-01T10:15:30+02:00' | '01-05-2024'", "date:yyyy | '2024-05-01' | '2024'",
            "int,string | '7x' | '7'", "string, bool | '1' | true",
    })
    void castTable(String cast, String input, String expected) {
        JsonNode out = cast(cast, JSON.writeValueAsString(value(input)));
        if (expected.equals("<removed>")) {
            assertThat(out.has("v")).as("key removed").isFalse();
        } else {
            assertThat(out.get("v")).isEqualTo(value(expected));
        }
    }

    /** A table cell: 'text' is that raw string; anything else is JSON written with ' for ". */
    static JsonNode value(String cell) {
        if (cell.length() >= 2 && cell.startsWith("'") && cell.endsWith("'")) {
            return JSON.getNodeFactory().stringNode(cell.substring(1, cell.length() - 1));
        }
        return JSON.readTree(cell.replace('\'', '"'));
    }

    @Test
    void countValueCountsAnotherOutputPath() {
        JsonNode definition = JSON.readTree("{\"passThrough\":true,\"cast\":{\"n\":\"countValue:items\",\"m\":\"countValue:name\"}}");
        JsonNode out = COMPILER.compile(definition).apply(JSON.readTree("{\"n\":0,\"m\":0,\"items\":[1,2,3],\"name\":\"x\"}"));
        assertThat(out.get("n").asInt()).isEqualTo(3);
        assertThat(out.get("m").asInt()).as("not countable: unchanged").isZero();
    }

    @Test
    void castsApplyInOrderAndStopWhenAKeyIsRemoved() {
        JsonNode out = cast("unsetIfValue==x,string", "\"x\"");
        assertThat(out.has("v")).isFalse();
        JsonNode list = COMPILER.compile(JSON.readTree("{\"passThrough\":true,\"cast\":{\"v\":[\"date:EEE, d MMM yyyy\"]}}"))
                .apply(JSON.readTree("{\"v\":\"2024-05-01\"}"));
        assertThat(list.get("v").asString()).isEqualTo("Wed, 1 May 2024");
    }

    @ParameterizedTest
    @ValueSource(strings = {"date", "date:yyyy-MM-dd'T'HH:mm"})
    void unparseableDatesFailNamingKeyAndCast(String cast) {
        assertThatThrownBy(() -> cast(cast, "\"not a date\""))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("key 'v'").hasMessageContaining("cast '" + cast + "'").hasMessageContaining("not a date");
    }

    @Test
    void aPatternNeedingTimeOnADateFails() {
        assertThatThrownBy(() -> cast("date:HH:mm", "\"2024-05-01\"")).isInstanceOf(MappingException.class)
                .hasMessageContaining("cannot format");
    }

    @Test
    void invalidBase64FailsNamingTheKey() {
        assertThatThrownBy(() -> cast("base64Decode", "\"***\"")).isInstanceOf(MappingException.class)
                .hasMessageContaining("key 'v'").hasMessageContaining("base64Decode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"integerr", "xml", "unsetIfValue", "int:5", "countValue", "countValue:", "date:yyyy-MM-dd bbb", "unsetIfValue:x"})
    void badCastsAreCompileErrorsPointingAtTheKey(String cast) {
        assertThatThrownBy(() -> cast(cast, "1"))
                .isInstanceOfSatisfying(MappingDefinitionException.class, e ->
                        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("cast.v")));
    }

    @Test
    void castsOnMissingKeysDoNothing() {
        JsonNode out = COMPILER.compile(JSON.readTree("{\"mapping\":{\"a\":\"x\"},\"cast\":{\"b\":\"int\",\"a.deep\":\"int\"}}"))
                .apply(JSON.readTree("{\"x\":\"1\"}"));
        assertThat(out).isEqualTo(JSON.readTree("{\"a\":\"1\"}"));
    }
}
