package org.openconnector.local;

import org.openconnector.local.services.ServiceSpec;

import java.io.PrintStream;

/** What the user sees once everything is healthy. */
final class Banner {

    private Banner() {
    }

    static void print(PrintStream out, Settings s, String elapsed) {
        ServiceSpec gateway = s.services().get(0);
        out.println();
        out.println("Open Connector is up (" + elapsed + ").");
        out.println();
        out.println("  Gateway     " + gateway.baseUrl() + "   e.g. curl " + gateway.baseUrl() + "/api/v1/sources");
        out.println("  API docs    " + gateway.baseUrl() + "/swagger-ui.html");
        for (ServiceSpec spec : s.services().subList(1, s.services().size())) {
            out.printf("  %-11s %s%n", spec.name().replace("-service", ""), spec.baseUrl());
        }
        out.printf("  PostgreSQL  %s:%d/%s (user %s)%s%n", s.dbHost(), s.dbPort(), s.dbName(), s.dbUser(),
                s.embeddedPostgres() ? ", embedded" : ", external");
        out.printf("  Kafka       %s%s%n", s.kafkaBootstrap(), s.embeddedKafka() ? ", embedded" : ", external");
        out.println("  Data        " + s.dataDir());
        out.println("  Logs        " + s.logDir() + "/<service>.log");
        out.println();
        out.println("Press Ctrl-C to stop everything.");
    }
}
