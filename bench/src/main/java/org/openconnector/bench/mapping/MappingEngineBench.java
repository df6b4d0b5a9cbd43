package org.openconnector.bench.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import org.openconnector.mapping.engine.CompiledMapping;
import org.openconnector.mapping.engine.MappingCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Objects per second (one thread) for the same person-to-contact transformation in our engine, JSLT and JSONata:
 * {@code *InMemory} maps an already parsed tree; {@code *EndToEnd} parses the JSON bytes, maps and serializes.
 * Setup proves the three engines produce the same output for every input before anything is measured.
 * Run: {@code bench/run MappingEngineBench -f 1 -wi 3 -i 5 -r 2s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MappingEngineBench {

    private static final int POOL = 1000;

    private final JsonMapper json3 = JsonMapper.shared();
    private final ObjectMapper json2 = new ObjectMapper();
    private CompiledMapping engine;
    private Expression jslt;
    private Jsonata jsonata;
    private byte[][] bytes;
    private JsonNode[] trees3;
    private com.fasterxml.jackson.databind.JsonNode[] trees2;
    private Object[] maps;
    private int next;

    @Setup
    public void setup() throws Exception {
        engine = new MappingCompiler().compile(json3.readTree(PersonToContact.ENGINE));
        jslt = Parser.compileString(PersonToContact.JSLT);
        jsonata = Jsonata.jsonata(PersonToContact.JSONATA);
        List<String> inputs = PersonToContact.inputs(POOL);
        bytes = new byte[POOL][];
        trees3 = new JsonNode[POOL];
        trees2 = new com.fasterxml.jackson.databind.JsonNode[POOL];
        maps = new Object[POOL];
        for (int i = 0; i < POOL; i++) {
            bytes[i] = inputs.get(i).getBytes(StandardCharsets.UTF_8);
            trees3[i] = json3.readTree(bytes[i]);
            trees2[i] = json2.readTree(bytes[i]);
            maps[i] = json2.readValue(bytes[i], Map.class);
            SameOutput.check(i, json2, json3.writeValueAsString(engine.apply(trees3[i])),
                    json2.writeValueAsString(jslt.apply(trees2[i])), json2.writeValueAsString(jsonata.evaluate(maps[i])));
        }
    }

    private int index() {
        int i = next;
        next = i + 1 == POOL ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public Object engineInMemory() {
        return engine.apply(trees3[index()]);
    }

    @Benchmark
    public Object jsltInMemory() {
        return jslt.apply(trees2[index()]);
    }

    @Benchmark
    public Object jsonataInMemory() {
        return jsonata.evaluate(maps[index()]);
    }

    @Benchmark
    public byte[] engineEndToEnd() {
        return json3.writeValueAsBytes(engine.apply(json3.readTree(bytes[index()])));
    }

    @Benchmark
    public byte[] jsltEndToEnd() throws Exception {
        return json2.writeValueAsBytes(jslt.apply(json2.readTree(bytes[index()])));
    }

    @Benchmark
    public byte[] jsonataEndToEnd() throws Exception {
        return json2.writeValueAsBytes(jsonata.evaluate(json2.readValue(bytes[index()], Map.class)));
    }
}
