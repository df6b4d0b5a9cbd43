package org.openconnector.mapping.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLogicConditionTest {

    static final JsonMapper JSON = JsonMapper.shared();

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "{'==':[{'var':'status'},'open']}                | {'status':'open'}           | true",
            "{'==':[{'var':'status'},'open']}                | {'status':'closed'}         | false",
            "{'>':[{'var':'order.total'},100]}               | {'order':{'total':150}}     | true",
            "{'>':[{'var':'order.total'},100]}               | {'order':{'total':50.5}}    | false",
            "{'and':[{'var':'a'},{'!':{'var':'b'}}]}         | {'a':true,'b':false}        | true",
            "{'in':['x',{'var':'tags'}]}                     | {'tags':['x','y']}          | true",
            "{'some':[{'var':'items'},{'>=':[{'var':'n'},2]}]} | {'items':[{'n':1},{'n':3}]} | true",
            "{'missing':['a','b']}                           | {'a':1}                     | true",
            "{'var':'items.1'}                               | {'items':[0,0]}             | false",
            "{}                                              | {'x':1}                     | true",
            "[]                                              | {'x':1}                     | true",
            "null                                            | {}                          | true",
            "[{'==':[1,1]},{'var':'ok'}]                     | {'ok':false}                | false",
            "[{'==':[1,1]},{'var':'ok'}]                     | {'ok':true}                 | true",
    })
    void evaluates(String logic, String data, boolean expected) {
        assertThat(JsonLogicCondition.compile(json(logic)).test(json(data))).isEqualTo(expected);
    }

    @Test
    void unknownOperatorsAreCompileErrors() {
        assertThatThrownBy(() -> JsonLogicCondition.compile(json("{'and':[{'frobnicate':[1]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frobnicate");
    }

    @Test
    void rawResultIsAvailable() {
        assertThat(JsonLogicCondition.compile(json("{'+':[{'var':'a'},2]}")).evaluate(json("{'a':1}"))).isEqualTo(3.0);
    }
}
