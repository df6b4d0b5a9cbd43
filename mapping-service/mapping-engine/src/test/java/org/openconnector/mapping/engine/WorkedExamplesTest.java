package org.openconnector.mapping.engine;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked examples of the behaviour reference (§1.6), reproduced one to one. */
class WorkedExamplesTest {

    static final JsonMapper JSON = JsonMapper.shared();
    static final MappingCompiler COMPILER = new MappingCompiler();

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    static JsonNode map(String mapping, String input) {
        return COMPILER.compile(json(mapping)).apply(json(input));
    }

    @Test
    void e1PathsAndTheLiteralFallback() {
        assertThat(map("{'mapping':{'name':'user.name','email':'user.email','status':'active'},'passThrough':false}",
                "{'user':{'name':'John Doe','email':'john@example.com'}}"))
                .isEqualTo(json("{'name':'John Doe','email':'john@example.com','status':'active'}"));
    }

    @Test
    void e2PassThroughNestedTargetAndUnset() {
        assertThat(map("{'passThrough':true,'mapping':{'metadata.status.name':'status'},'unset':['status']}",
                "{'id':'0d67','name':'doggie','status':'available'}"))
                .isEqualTo(json("{'id':'0d67','name':'doggie','metadata':{'status':{'name':'available'}}}"));
    }

    @Test
    void e3TwigTemplatesAlwaysGiveStrings() {
        assertThat(map("{'mapping':{'fullName':'{{ user.firstName }} {{ user.lastName }}','greeting':'Hello {{ user.firstName }}!',"
                        + "'profile':'{{ user.firstName|lower }}.profile','age':'{{ user.age }}'}}",
                "{'user':{'firstName':'John','lastName':'Doe','age':41}}"))
                .isEqualTo(json("{'fullName':'John Doe','greeting':'Hello John!','profile':'john.profile','age':'41'}"));
    }

    @Test
    void e4Casts() {
        assertThat(map("{'mapping':{'name':'user.name','age':'user.age','active':'user.active','score':'user.score'},"
                        + "'cast':{'age':'int','active':'bool','score':'float'}}",
                "{'user':{'name':'John Doe','age':'25','active':'1','score':'95.5'}}"))
                .isEqualTo(json("{'name':'John Doe','age':25,'active':true,'score':95.5}"));
        assertThat(map("{'passThrough':true,'cast':{'status':'unsetIfValue==inactive','description':'setNullIfValue=='}}",
                "{'id':1,'status':'inactive','description':''}"))
                .isEqualTo(json("{'id':1,'description':null}"));
    }

    @Test
    void e5ListModeAndTheRootKey() {
        CompiledMapping m = COMPILER.compile(json("{'mapping':{'name':'user.name','email':'user.email'}}"));
        assertThat(m.applyList(json("{'listInput':[{'user':{'name':'John','email':'j@x'}},{'user':{'name':'Jane','email':'ja@x'}}],'extra':'data'}")))
                .isEqualTo(json("[{'name':'John','email':'j@x'},{'name':'Jane','email':'ja@x'}]"));
        assertThat(map("{'mapping':{'#':'user'}}", "{'user':{'name':'John Doe','email':'j@x'}}"))
                .isEqualTo(json("{'name':'John Doe','email':'j@x'}"));
    }

    @Test
    void e5ListModeThroughTheTwigFunction() {
        assertThat(map("{'mapping':{'people':'{{ executeMapping({\\'mapping\\':{\\'n\\':\\'user.name\\'}}, {\\'listInput\\': users, \\'x\\': 1}, true)|json_encode }}'},"
                        + "'cast':{'people':'jsonToArray'}}",
                "{'users':[{'user':{'name':'John'}},{'user':{'name':'Jane'}}]}"))
                .isEqualTo(json("{'people':[{'n':'John'},{'n':'Jane'}]}"));
    }

    @Test
    void e6RealWorldIdiomWithSubMappingAndConditionalCasts() {
        CompiledMapping caseType = COMPILER.compile(json("{'mapping':{'omschrijving':'title','identificatie':'id'}}"));
        MappingCompiler compiler = new MappingCompiler(org.openconnector.mapping.engine.cast.Casts.builtIn(),
                ref -> ref.equals("5") ? Optional.of(caseType) : Optional.empty());
        CompiledMapping zaak = compiler.compile(json("{'mapping':{"
                + "'omschrijving':'instance.subject',"
                + "'kenmerken.0.bron':'xxllnc v1 api',"
                + "'zaaktype':'{% if casetype.result|default %}{{ executeMapping(5, casetype.result)|json_encode }}{% endif %}',"
                + "'opschorting':'instance.suspension'},"
                + "'cast':{'zaaktype':'jsonToArray','omschrijving':'unsetIfValue==instance.subject','opschorting':'unsetIfValue=='}}"));

        assertThat(zaak.apply(json("{'instance':{'subject':'Parkeren','suspension':{'reason':'','since':null}},"
                + "'casetype':{'result':{'title':'Vergunning','id':'zt-1'}}}")))
                .isEqualTo(json("{'omschrijving':'Parkeren','kenmerken':[{'bron':'xxllnc v1 api'}],"
                        + "'zaaktype':{'omschrijving':'Vergunning','identificatie':'zt-1'}}"));
        assertThat(zaak.apply(json("{'instance':{}}")))
                .isEqualTo(json("{'kenmerken':[{'bron':'xxllnc v1 api'}],'zaaktype':null,'opschorting':'instance.suspension'}"));
    }

    @Test
    void e7XmlToObjectWithALoopTemplate() {
        String template = "{ {% for property in properties.property %}\\\"{{property['@attributes']['propertyDefinitionRef']}}\\\":"
                + "\\\"{{property['value']}}\\\"{% if not loop.last %},{% endif %}{% endfor %} }";
        JsonNode out = COMPILER.compile(JSON.readTree("{\"mapping\":{\"identifier\":\"@attributes.identifier\",\"properties\":\""
                + template + "\"},\"cast\":{\"properties\":\"jsonToArray\"}}"))
                .apply(json("{'@attributes':{'identifier':'id-1'},'properties':{'property':["
                        + "{'@attributes':{'propertyDefinitionRef':'propid-6'},'value':'Open'},"
                        + "{'@attributes':{'propertyDefinitionRef':'propid-8'},'value':'Class'}]}}"));
        assertThat(out).isEqualTo(json("{'identifier':'id-1','properties':{'propid-6':'Open','propid-8':'Class'}}"));
    }

    @Test
    void dottedInputKeysAreAddressedWithTheEncodedDot() {
        assertThat(map("{'mapping':{'a&#46;b.out':'x&#46;y.z'}}", "{'x.y':{'z':1}}"))
                .isEqualTo(json("{'a.b':{'out':1}}"));
    }
}
