package org.openconnector.common.outbox;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxWriterTest {

    private static List<String[]> rows(int n, int payloadChars) {
        return Collections.nCopies(n, new String[]{"id", "key", "p".repeat(payloadChars)});
    }

    @Test
    void smallRowsGoInPowerOfTwoStatementsOfAtMostMaxRows() {
        assertThat(OutboxWriter.rowsInNextStatement(rows(500, 100), 0)).isEqualTo(OutboxWriter.MAX_ROWS);
        assertThat(OutboxWriter.rowsInNextStatement(rows(500, 100), 384)).isEqualTo(64);
        assertThat(OutboxWriter.rowsInNextStatement(rows(5, 100), 4)).isEqualTo(1);
    }

    @Test
    void largeRowsAreCappedByCharacters() {
        // 200,000 / 1,500 = 133 rows fit, capped at 128; 200,000 / 3,000 = 66 fit, rounded down to 64
        assertThat(OutboxWriter.rowsInNextStatement(rows(500, 1_500), 0)).isEqualTo(128);
        assertThat(OutboxWriter.rowsInNextStatement(rows(500, 3_000), 0)).isEqualTo(64);
    }

    @Test
    void aRowLargerThanTheBudgetStillGoesAlone() {
        assertThat(OutboxWriter.rowsInNextStatement(rows(3, OutboxWriter.MAX_CHARS * 2), 0)).isEqualTo(1);
    }
}
