package org.openconnector.mapping.engine;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-print fast path must print exactly what Pebble prints, and step aside for anything else. */
class InterpolationTest {

    static final JsonMapper JSON = JsonMapper.shared();
    static final PebbleEngine PEBBLE = new PebbleEngine.Builder().loader(new StringLoader()).autoEscaping(false)
            .strictVariables(false).defaultLocale(Locale.ROOT).build();
    static final JsonNode INPUT = JSON.readTree("""
            {"s": "text", "i": 41, "big": 12345678901234, "d": 95.5, "e": 1.0E10, "t": true, "f": false, "n": null,
             "o": {"a": {"b": "deep"}, "x": 2}, "l": ["first", {"k": "v"}], "u": "ünï €", "empty": ""}
            """);

    @ParameterizedTest
    @ValueSource(strings = {"{{ s }}", "{{s}} and {{ i }}", "{{ big }}/{{ d }}/{{ e }}", "{{ t }}-{{ f }}", "[{{ n }}]",
            "{{ missing }}|{{ o.missing.deeper }}", "{{ o.a.b }}!", "{{ l.0 }}", "{{ l.1.k }}", "{{ u }}", "x{{ empty }}y",
            "{{ o.x }}{{ o.x }}", " {{ s }} "})
    void printsExactlyWhatPebblePrints(String template) throws Exception {
        Interpolation fast = Interpolation.of(template);
        assertThat(fast).as("fast path applies").isNotNull();
        var out = new java.io.StringWriter();
        PEBBLE.getTemplate(TwigSyntax.toPebble(template)).evaluate(out, CompiledMapping.context(INPUT));
        assertThat(fast.render(INPUT)).isEqualTo(out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ s|upper }}", "{% if t %}x{% endif %}", "{{ s }}\n", "{{- s }}", "{{ 'lit' }}", "{{ a ~ b }}",
            "{{ loop }}", "{{ true }}", "plain", "{{ l[0] }}", "{# c #}{{ s }}", "{{ s }} }}"})
    void leavesEverythingElseToPebble(String template) {
        assertThat(Interpolation.of(template)).isNull();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{{ items.0.name }}|{{ items[0].name }}", "{% for i in a.10 %}{{ i.2 }}{% endfor %}|{% for i in a[10] %}{{ i[2] }}{% endfor %}",
            "{{ 'v.1' }} {{ x.1 }}|{{ 'v.1' }} {{ x[1] }}", "{{ 1.5 + n.0 }}|{{ 1.5 + n[0] }}", "{{ \"a.2\" ~ m.2x }}|{{ \"a.2\" ~ m.2x }}",
            "text a.0 {{ b.0 }}|text a.0 {{ b[0] }}", "{{ l[0].0 }}|{{ l[0][0] }}"})
    void rewritesTwigNumericAttributesOutsideStrings(String twig, String pebble) {
        assertThat(TwigSyntax.toPebble(twig)).isEqualTo(pebble);
    }

    @Test
    void twigNumericKeysWorkOnListsAndObjects() {
        JsonNode out = new MappingCompiler().compile(JSON.readTree(
                "{\"mapping\":{\"x\":\"{{ l.1.k }}-{{ o.a.b }}\",\"y\":\"{% if l.0 == 'first' %}{{ m['0'] }}{% endif %}\"}}"))
                .apply(JSON.readTree("{\"l\":[\"first\",{\"k\":\"v\"}],\"o\":{\"a\":{\"b\":1}},\"m\":{\"0\":\"zero\"}}"));
        assertThat(out.get("x").asString()).isEqualTo("v-1");
        assertThat(out.get("y").asString()).isEqualTo("zero");
    }

    @Test
    void defersToPebbleForContainers() {
        assertThat(Interpolation.of("{{ o }}").render(INPUT)).isNull();
        JsonNode out = new MappingCompiler().compile(JSON.readTree("{\"mapping\":{\"x\":\"{{ l }}\",\"y\":\"{{ s }}\"}}")).apply(INPUT);
        assertThat(out.get("x").asString()).startsWith("[first");
        assertThat(out.get("y").asString()).isEqualTo("text");
    }
}
