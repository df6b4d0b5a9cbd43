package org.openconnector.job;

import org.openconnector.common.test.ServiceContractIT;
import org.springframework.boot.test.context.SpringBootTest;

/** The platform contract every service keeps: health, metrics, OpenAPI, migrations, problem+json. */
@SpringBootTest(classes = JobApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "job";
    }
}
