package org.openconnector.event;

import org.junit.jupiter.api.Nested;
import org.openconnector.common.test.ServiceContractIT;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The platform contract every service keeps (health, metrics, OpenAPI, migrations, problem+json),
 * and, as nested classes, event-service's own scenarios. Nesting keeps one Spring context (and one
 * Kafka consumer, one dispatcher) for all of them.
 */
@SpringBootTest(classes = EventApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "event";
    }

    @Nested
    class EventApi extends EventApiScenarios {
    }

    @Nested
    class BadInput extends BadInputScenarios {
    }

    @Nested
    class Delivery extends DeliveryScenarios {
    }

    @Nested
    class Subscriptions extends SubscriptionScenarios {
    }

    @Nested
    class Reliability extends ReliabilityScenarios {
    }

    @Nested
    class Breakers extends CircuitBreakerScenarios {
    }

    @Nested
    class DefinitionBehaviour extends DefinitionBehaviourScenarios {
    }

    @Nested
    class OutcomeBatches extends org.openconnector.event.delivery.OutcomeBatchScenarios {
    }
}
