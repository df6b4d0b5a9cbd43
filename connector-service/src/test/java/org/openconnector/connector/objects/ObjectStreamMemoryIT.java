package org.openconnector.connector.objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openconnector.connector.ConnectorIT;
import org.openconnector.connector.Loopback;
import org.openconnector.connector.Loopback.Reply;
import org.openconnector.connector.source.SourceService;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.BaseSubscriber;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 objects in pages of 100 from a loopback source, taken by a consumer that asks for one
 * page (one NDJSON buffer) at a time and reads every object of it. Pages are fetched only as pages
 * are taken (one page ahead, to overlap fetching with writing): at every point at most two pages
 * are ahead of the consumer, so what the stream holds is bounded by two pages, not by the list.
 */
class ObjectStreamMemoryIT extends ConnectorIT {

    private static final int PAGES = 1000;
    private static final int SIZE = 100;
    private static final Loopback server = new Loopback();

    @Autowired
    private ObjectStream stream;

    @Autowired
    private SourceService sources;

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSlowConsumerHoldsAtMostTwoPagesAhead() throws Exception {
        String p = "/m-" + UUID.randomUUID();
        server.on(p, r -> {
            int page = Integer.parseInt(Pages.param(r, "page"));
            return Reply.json("{\"items\": " + (page <= PAGES ? Pages.items((page - 1) * SIZE, page * SIZE) : "[]") + "}");
        });
        String id = createSource("{\"name\": \"big\", \"type\": \"api\", \"location\": \"" + server.url() + p + "\"}").get("id").asString();
        var source = sources.find(UUID.fromString(id)).block();
        var request = new ObjectsRequest(null, null, null, null, "id", new ObjectsRequest.Pagination("page", null, null, null, null, null, null, null), 2000);

        AtomicLong objects = new AtomicLong();
        AtomicLong worstLookahead = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Integer> outOfOrder = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong pagesTaken = new AtomicLong();
        stream.pages(source, request).block().subscribe(new BaseSubscriber<byte[]>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(byte[] page) {
                long taken = pagesTaken.incrementAndGet();
                for (String line : new String(page, StandardCharsets.UTF_8).split("\n")) {
                    JsonNode object = json.readTree(line);
                    long n = objects.getAndIncrement();
                    if (object.get("id").asInt() != n && outOfOrder.size() < 5) {
                        outOfOrder.add(object.get("id").asInt());
                    }
                    worstLookahead.accumulateAndGet(server.received(p).size() - taken, Math::max);
                }
                request(1);
            }

            @Override
            protected void hookOnError(Throwable throwable) {
                failure.set(throwable);
            }

            @Override
            protected void hookFinally(reactor.core.publisher.SignalType type) {
                done.countDown();
            }
        });
        assertThat(done.await(5, TimeUnit.MINUTES)).isTrue();
        assertThat(failure.get()).isNull();
        assertThat(outOfOrder).isEmpty();
        assertThat(objects.get()).isEqualTo((long) PAGES * SIZE);
        assertThat(pagesTaken.get()).isEqualTo(PAGES);
        assertThat(server.received(p)).hasSize(PAGES + 1);
        assertThat(worstLookahead.get()).as("pages fetched ahead of the consumer").isLessThanOrEqualTo(2);
    }
}
