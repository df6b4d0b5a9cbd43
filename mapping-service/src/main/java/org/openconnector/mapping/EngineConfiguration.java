package org.openconnector.mapping;

import org.openconnector.mapping.engine.MappingCompiler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One shared mapping compiler (and template engine) for the service. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    MappingCompiler mappingCompiler() {
        return new MappingCompiler();
    }
}
