package org.openconnector.mapping.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dot paths, passThrough/unset interplay, the root key, templates, errors and thread safety. */
class MappingBehaviourTest {

    static final JsonMapper JSON = JsonMapper.shared();
    static final MappingCompiler COMPILER = new MappingCompiler();

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    static JsonNode map(String mapping, String input) {
        return COMPILER.compile(json(mapping)).apply(json(input));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiterString = ";;", quoteCharacter = '`', value = {
            "{'mapping':{'a.b.0.c':'x'}} ;; {'x':1} ;; {'a':{'b':[{'c':1}]}}",
            "{'mapping':{'l.0':'x','l.1':'y'}} ;; {'x':1,'y':2} ;; {'l':[1,2]}",
            "{'mapping':{'l.2':'x'}} ;; {'x':1} ;; {'l':[null,null,1]}",
            "{'mapping':{'out':'items.1.id'}} ;; {'items':[{'id':1},{'id':2}]} ;; {'out':2}",
            "{'mapping':{'out':'items.5.id'}} ;; {'items':[{'id':1}]} ;; {'out':'items.5.id'}",
            "{'mapping':{'out':'a.n'}} ;; {'a':{'n':null}} ;; {'out':null}",
            "{'mapping':{'out':'a'}} ;; {'a':{'b':[1,{'c':true}]}} ;; {'out':{'b':[1,{'c':true}]}}",
            "{'mapping':{'out':'0.name'}} ;; {'0':{'name':'n'}} ;; {'out':'n'}",
            "{'mapping':{'a':'x','a.b':'y'}} ;; {'x':'s','y':2} ;; {'a':{'b':2}}",
            "{'mapping':{'a':'x','a.b':'y'}} ;; {'x':{'k':1},'y':2} ;; {'a':{'k':1,'b':2}}",
            "{'mapping':{'n':5,'t':true,'z':null,'o':{'k':[1]}}} ;; {} ;; {'n':5,'t':true,'z':null,'o':{'k':[1]}}",
            "{'mapping':{'x':'missing.path'}} ;; {} ;; {'x':'missing.path'}",
            "{'passThrough':true,'mapping':{'id':'other'}} ;; {'id':1,'other':2} ;; {'id':2,'other':2}",
            "{'passThrough':true,'unset':['b','c.d','nope','l.0']} ;; {'a':1,'b':2,'c':{'d':3,'e':4},'l':[1,2]} ;; {'a':1,'c':{'e':4},'l':[2]}",
            "{'passThrough':true,'mapping':{'b':'a'},'unset':['b']} ;; {'a':1,'b':2} ;; {'a':1}",
            "{'passThrough':true,'unset':['a'],'cast':{'a':'int'}} ;; {'a':'1','b':'2'} ;; {'b':'2'}",
            "{'passThrough':false} ;; {'a':1} ;; {}",
            "{'mapping':{'#':'list'}} ;; {'list':[1,2]} ;; [1,2]",
            "{'mapping':{'#':'name'}} ;; {'name':'x'} ;; ['x']",
            "{'mapping':{'#':'n'}} ;; {'n':null} ;; []",
            "{'mapping':{'#':'a','b':'a'}} ;; {'a':1} ;; {'#':1,'b':1}",
            "{'mapping':{'x':'{{ missing }}|{{ a.b|default(\\'d\\') }}'}} ;; {'a':{}} ;; {'x':'|d'}",
            "{'mapping':{'x':'{% if flag %}yes{% else %}no{% endif %}'}} ;; {'flag':[]} ;; {'x':'no'}",
            "{'mapping':{'x':'{% if flag and not other %}yes{% endif %}'}} ;; {'flag':{'k':1},'other':''} ;; {'x':'yes'}",
            "{'mapping':{'x':'{{ name|upper }}-{{ tags|join(\\',\\') }}-{{ tags|length }}'}} ;; {'name':'ab','tags':['p','q']} ;; {'x':'AB-p,q-2'}",
            "{'mapping':{'x':'{{ v|json_encode }}'}} ;; {'v':{'a':[1,true,null]}} ;; {'x':'{\\'a\\':[1,true,null]}'}",
            "{'mapping':{'x':'{{ s|b64enc|b64dec }}:{{ \\'A b_c\\'|slugify }}'}} ;; {'s':'hé'} ;; {'x':'hé:a-b-c'}",
            "{'mapping':{'x':'{% set o = t|json_decode %}{{ o.k }}'}} ;; {'t':'{\\'k\\':7}'} ;; {'x':'7'}",
    })
    void mappingTable(String mapping, String input, String expected) {
        assertThat(map(mapping, input)).isEqualTo(json(expected));
    }

    @Test
    void copiedSubtreesAreNotMutatedThroughTheOutput() {
        JsonNode input = json("{'user':{'name':'n','age':'3'}}");
        JsonNode out = COMPILER.compile(json("{'mapping':{'u':'user','v':'user','u.extra':'x'},'cast':{'u.age':'int'},'unset':['u.name']}"))
                .apply(input);
        assertThat(out).isEqualTo(json("{'u':{'age':3,'extra':'x'},'v':{'name':'n','age':'3'}}"));
        assertThat(input).isEqualTo(json("{'user':{'name':'n','age':'3'}}"));
    }

    @Test
    void passThroughLeavesTheInputUntouched() {
        JsonNode input = json("{'a':{'b':1}}");
        COMPILER.compile(json("{'passThrough':true,'mapping':{'a.c':'x'},'unset':['a.b']}")).apply(input);
        assertThat(input).isEqualTo(json("{'a':{'b':1}}"));
    }

    @Test
    void generateUuidGivesAFreshUuid() {
        JsonNode out = map("{'mapping':{'id':'{{ generateUuid() }}'}}", "{}");
        assertThat(out.get("id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void templatesCannotCallJavaMethods() {
        assertThatThrownBy(() -> map("{'mapping':{'x':'{{ name.getClass() }}'}}", "{'name':'n'}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("key 'x'");
    }

    @Test
    void aFailingTemplateNamesMappingKeyAndTemplate() {
        assertThatThrownBy(() -> map("{'name':'people','mapping':{'x':'{{ s|b64dec }}'}}", "{'s':'@@@'}"))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.key()).isEqualTo("x");
                    assertThat(e.getMessage()).startsWith("Mapping 'people', key 'x': template '{{ s|b64dec }}' failed:");
                });
    }

    @Test
    void executeMappingWithAnUnknownIdFails() {
        assertThatThrownBy(() -> map("{'mapping':{'x':'{{ executeMapping(9, a) }}'}}", "{'a':{}}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("no mapping '9'");
    }

    @Test
    void everyDefinitionProblemIsReportedWithItsPath() {
        assertThatThrownBy(() -> COMPILER.compile(json("{'mapping':{'ok':'a','bad':'{{ a |','worse':'{% if %}'},"
                + "'unset':['x',3],'cast':{'a':'int,nope','b':7},'passThrough':'yes'}")))
                .isInstanceOfSatisfying(MappingDefinitionException.class, e -> assertThat(e.problems())
                        .extracting(MappingDefinitionException.Problem::path)
                        .containsExactlyInAnyOrder("passThrough", "mapping.bad", "mapping.worse", "unset[1]", "cast.a", "cast.b"));
        assertThatThrownBy(() -> COMPILER.compile(json("{'mapping':[1]}"))).isInstanceOf(MappingDefinitionException.class)
                .hasMessageContaining("mapping:");
        assertThatThrownBy(() -> COMPILER.compile(json("[]"))).isInstanceOf(MappingDefinitionException.class);
    }

    @Test
    void listModeWrapsScalarsAndAddsExtrasAndKeepsObjectKeys() {
        CompiledMapping m = COMPILER.compile(json("{'mapping':{'v':'value','e':'extra','k':'0'}}"));
        assertThat(m.applyList(json("{'listInput':['x'],'extra':'data','value':'ignored'}")))
                .isEqualTo(json("[{'v':'x','e':'data','k':'x'}]"));
        assertThat(m.applyList(json("{'a':{'value':1},'b':{'value':2}}"))).isEqualTo(json("{'a':{'v':1,'e':'extra','k':'0'},'b':{'v':2,'e':'extra','k':'0'}}"));
        assertThat(m.applyList(json("'scalar'"))).isEqualTo(json("[]"));
    }

    /** Property: a mapping of every top-level key to itself reproduces the input exactly, for random inputs. */
    @Test
    void identityMappingReproducesRandomInputs() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            ObjectNode input = randomObject(random, 3);
            ObjectNode definition = JSON.createObjectNode();
            ObjectNode mapping = definition.putObject("mapping");
            input.propertyNames().forEach(k -> mapping.put(k, k));
            assertThat(COMPILER.compile(definition).apply(input)).isEqualTo(input);
            assertThat(COMPILER.compile(json("{'passThrough':true}")).apply(input)).isEqualTo(input);
        }
    }

    /** Property: the same compiled mapping gives the same results from many threads at once. */
    @Test
    void applyingIsThreadSafe() throws Exception {
        CompiledMapping m = COMPILER.compile(json("{'mapping':{'name':'{{ first }} {{ last|upper }}','n':'n','tags.0':'first'},"
                + "'cast':{'n':'int'}}"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                work.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        String first = "f" + seed + "-" + i;
                        JsonNode out = m.apply(JSON.createObjectNode().put("first", first).put("last", "l" + i).put("n", i + "x"));
                        if (!out.equals(JSON.createObjectNode().put("name", first + " L" + i).put("n", i)
                                .set("tags", JSON.createArrayNode().add(first)))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(work)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static ObjectNode randomObject(Random random, int depth) {
        ObjectNode node = JSON.createObjectNode();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            String key = "k" + random.nextInt(100);
            switch (random.nextInt(depth > 0 ? 6 : 4)) {
                case 0 -> node.put(key, random.nextInt());
                case 1 -> node.put(key, "s" + random.nextLong());
                case 2 -> node.put(key, random.nextBoolean());
                case 3 -> node.putNull(key);
                case 4 -> node.set(key, randomObject(random, depth - 1));
                default -> node.putArray(key).add(random.nextDouble()).add(randomObject(random, depth - 1));
            }
        }
        return node;
    }
}
