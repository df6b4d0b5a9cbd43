-- The claim counts each subscription's live leases (locked_until > now()). On the old index
-- (subscription_id) where locked_until is not null, every lease handed back left a dead entry the
-- count had to check in the heap (a bitmap scan does not mark them dead): at 2,000 deliveries/s a
-- claim took 30+ ms. With locked_until in the key the condition is checked in the index, the count
-- stops at the per-subscription limit, and the index scan marks dead entries so they cost once.
drop index if exists event_message_inflight;
create index event_message_leased on event_message (subscription_id, locked_until) where locked_until is not null;
