-- Nothing looks an outbox row up by its event id (the relay goes by seq; consumers dedupe on the
-- CloudEvents id themselves), yet every append paid for a unique index on it: a random UUID text per
-- row, inserted at a random place in the index and removed again when the row is relayed.
alter table outbox drop constraint if exists outbox_event_id_key;
