package org.openconnector.sync.run;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SeenSetTest {

    @Test
    void remembersEveryIdItWasGivenAndNoOther() {
        SeenSet seen = new SeenSet();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50_000; i++) { // far past the initial table: growth keeps every entry
            String id = "o" + i;
            assertThat(seen.add(id)).isTrue();
            expected.add(id);
        }
        assertThat(seen.size()).isEqualTo(expected.size());
        for (int i = 0; i < 50_000; i++) {
            assertThat(seen.contains("o" + i)).isTrue();
            assertThat(seen.contains("p" + i)).isFalse();
        }
    }

    @Test
    void addingTwiceSaysSoAndCountsOnce() {
        SeenSet seen = new SeenSet();
        assertThat(seen.add("a")).isTrue();
        assertThat(seen.add("a")).isFalse();
        assertThat(seen.add("")).isTrue();
        assertThat(seen.add("")).isFalse();
        assertThat(seen.size()).isEqualTo(2);
        assertThat(seen.contains("b")).isFalse();
    }

    @Test
    void similarIdsHashApart() {
        assertThat(SeenSet.hash("o1")).isNotEqualTo(SeenSet.hash("o2")).isNotEqualTo(SeenSet.hash("1o"));
    }
}
