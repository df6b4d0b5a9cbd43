package org.openconnector.job.action;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Job class settings ({@code openconnector.jobs.actions.*}).
 *
 * @param pingTimeout longest a PingAction waits for an answer (the job's executionTime caps it too)
 */
@ConfigurationProperties("openconnector.jobs.actions")
public record ActionProperties(@DefaultValue("10s") Duration pingTimeout) {
}
