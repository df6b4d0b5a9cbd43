package org.openconnector.sync;

import org.openconnector.common.test.ServiceContractIT;
import org.springframework.boot.test.context.SpringBootTest;

/** The platform contract every service keeps: health, metrics, OpenAPI, migrations, problem+json. */
@SpringBootTest(classes = SyncApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SyncServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "sync";
    }
}
