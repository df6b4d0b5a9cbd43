package org.openconnector.event;

import org.openconnector.common.test.ServiceContractIT;
import org.springframework.boot.test.context.SpringBootTest;

/** The platform contract every service keeps: health, metrics, OpenAPI, migrations, problem+json. */
@SpringBootTest(classes = EventApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "event";
    }
}
