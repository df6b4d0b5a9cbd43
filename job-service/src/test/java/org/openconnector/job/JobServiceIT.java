package org.openconnector.job;

import org.openconnector.common.test.ServiceContractIT;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/** The platform contract every service keeps: health, metrics, OpenAPI, migrations, problem+json. */
@SpringBootTest(classes = JobApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s") // shared, sometimes very busy build machines: the first OpenAPI render can take >5 s
class JobServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "job";
    }
}
