package org.openconnector.common.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service used to test platform-common's auto-configuration against real infrastructure. */
@SpringBootApplication
public class OutboxTestApplication {
}
