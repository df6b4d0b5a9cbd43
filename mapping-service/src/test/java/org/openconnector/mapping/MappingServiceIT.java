package org.openconnector.mapping;

import org.openconnector.common.test.ServiceContractIT;
import org.springframework.boot.test.context.SpringBootTest;

/** The platform contract every service keeps: health, metrics, OpenAPI, migrations, problem+json. */
@SpringBootTest(classes = MappingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MappingServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "mapping";
    }
}
