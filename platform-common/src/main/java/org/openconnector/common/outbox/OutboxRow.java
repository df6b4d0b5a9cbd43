package org.openconnector.common.outbox;

/** An unsent outbox row as the relay publishes it: its place in the table's order, where it goes and what. */
record OutboxRow(long seq, String topic, String key, String payload) {
}
