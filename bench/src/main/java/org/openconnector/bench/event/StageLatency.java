package org.openconnector.bench.event;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Per-stage latency of one run, from event-service's own {@code openconnector.events.latency} timers
 * (stages relay, fan-out, dispatch; the bench turns on their percentile histograms). The histograms are
 * cumulative, so a run's distribution is the bucket-wise difference of a snapshot after it and one
 * before; p50/p99 are read at bucket resolution (upper bound of the bucket holding the percentile).
 */
final class StageLatency {

    static final String[] STAGES = {"relay", "fan-out", "dispatch", "outcome"};

    private final Map<String, HistogramSnapshot> before = new LinkedHashMap<>();
    private final MeterRegistry meters;
    private final double directBefore;
    private final double claimedBefore;

    private StageLatency(MeterRegistry meters) {
        this.meters = meters;
        for (String stage : STAGES) {
            before.put(stage, snapshot(stage));
        }
        directBefore = dispatched("direct");
        claimedBefore = dispatched("claim");
    }

    /** Sends started by a direct hand-off from the fan-out vs. by a claim, since {@link #start}. */
    String paths() {
        return String.format(Locale.ROOT, "sends started: %.0f handed over by the fan-out, %.0f claimed",
                dispatched("direct") - directBefore, dispatched("claim") - claimedBefore);
    }

    private double dispatched(String path) {
        var c = meters.find("openconnector.events.dispatched").tag("path", path).counter();
        return c == null ? 0 : c.count();
    }

    static StageLatency start(MeterRegistry meters) {
        return new StageLatency(meters);
    }

    /** e.g. {@code relay 12/40 ms (n=4000), fan-out ...}: p50/p99 of each stage since {@link #start}. */
    String report() {
        StringBuilder out = new StringBuilder();
        for (String stage : STAGES) {
            HistogramSnapshot a = before.get(stage);
            HistogramSnapshot b = snapshot(stage);
            if (a == null || b == null) {
                continue;
            }
            long n = b.count() - a.count();
            out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %s/%s ms (n=%d)", stage,
                    pct(a, b, n, 0.50), pct(a, b, n, 0.99), n));
        }
        return out.toString();
    }

    private static String pct(HistogramSnapshot a, HistogramSnapshot b, long n, double p) {
        CountAtBucket[] x = a.histogramCounts();
        CountAtBucket[] y = b.histogramCounts();
        if (n <= 0 || x.length != y.length || y.length == 0) {
            return "-";
        }
        double wanted = Math.ceil(p * n);
        for (int i = 0; i < y.length; i++) {
            if (y[i].count() - x[i].count() >= wanted) {
                return String.format(Locale.ROOT, "%.0f", y[i].bucket(TimeUnit.MILLISECONDS));
            }
        }
        return ">" + String.format(Locale.ROOT, "%.0f", y[y.length - 1].bucket(TimeUnit.MILLISECONDS));
    }

    private HistogramSnapshot snapshot(String stage) {
        Timer t = meters.find("openconnector.events.latency").tag("stage", stage).timer();
        return t == null ? null : t.takeSnapshot();
    }
}
