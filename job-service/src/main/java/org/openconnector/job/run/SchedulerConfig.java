package org.openconnector.job.run;

import org.openconnector.job.log.LogRetention;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.util.UUID;

/** This replica's scheduler, named by {@code openconnector.jobs.scheduler.instance-id} or host name plus a random suffix. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfig {

    @Bean
    JobScheduler jobScheduler(SchedulerProperties props, ClaimStore claims, LeaseStore leases, JobRunner runner,
                              LogRetention retention) {
        SchedulerProperties named = props.instanceId().isBlank() ? props.withInstanceId(defaultInstanceId()) : props;
        return new JobScheduler(named, claims, leases, runner, retention.prune(props.pruneBatchSize()));
    }

    /** Host name (the pod name on Kubernetes) plus a suffix, so a restarted pod never inherits old claims. */
    static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "job-service";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
