package org.openconnector.common.outbox;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxHandOffTest {

    private static OutboxRow row(long seq) {
        return new OutboxRow(seq, "t", "k", "payload-" + seq);
    }

    @Test
    void takeReturnsTheListedHeldRowsAndForgetsEverythingUpToTheLastListed() {
        OutboxHandOff handOff = new OutboxHandOff(100, TimeUnit.MINUTES.toNanos(1));
        handOff.offer(List.of(row(3), row(5), row(7), row(9)));

        // 4 and 6 were written by another replica; 5 is listed, 3 was relayed elsewhere already
        assertThat(handOff.take(List.of(4L, 5L, 6L, 7L), 7L)).containsOnlyKeys(5L, 7L)
                .hasEntrySatisfying(5L, r -> assertThat(r.payload()).isEqualTo("payload-5"));
        assertThat(handOff.held()).containsExactly(9L);
    }

    @Test
    void firstGivesTheLowestHeldSeqs() {
        OutboxHandOff handOff = new OutboxHandOff(100, TimeUnit.MINUTES.toNanos(1));
        handOff.offer(List.of(row(8), row(2), row(5)));
        assertThat(handOff.first(2)).containsExactly(2L, 5L);
        assertThat(handOff.first(10)).containsExactly(2L, 5L, 8L);
    }

    @Test
    void nothingListedForgetsNothing() {
        OutboxHandOff handOff = new OutboxHandOff(100, TimeUnit.MINUTES.toNanos(1));
        handOff.offer(List.of(row(1), row(2)));
        assertThat(handOff.take(List.of(), Long.MIN_VALUE)).isEmpty();
        assertThat(handOff.held()).containsExactly(1L, 2L);
    }

    @Test
    void rowsBeyondTheCapacityAreLeftToTheTable() {
        OutboxHandOff handOff = new OutboxHandOff(2, TimeUnit.MINUTES.toNanos(1));
        handOff.offer(List.of(row(1), row(2), row(3)));
        assertThat(handOff.held()).containsExactly(1L, 2L);
        assertThat(handOff.dropped()).as("the relay learns that row 3 waits in the table").isTrue();
        assertThat(handOff.dropped()).isFalse();
        assertThat(handOff.take(List.of(1L, 2L, 3L), 3L)).containsOnlyKeys(1L, 2L);
    }

    @Test
    void rowsHeldLongerThanTheMaximumAgeAreDropped() {
        OutboxHandOff handOff = new OutboxHandOff(100, 0);
        handOff.offer(List.of(row(10), row(11)));
        // a held row nobody lists (relayed by another replica while the table stays empty) must not stay for ever
        handOff.take(List.of(), Long.MIN_VALUE);
        assertThat(handOff.size()).isZero();
    }
}
