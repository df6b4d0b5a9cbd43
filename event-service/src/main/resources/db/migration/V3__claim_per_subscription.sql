-- Claims walk each enabled subscription's due messages in delivery order (LATERAL ... LIMIT), so a
-- claim costs O(subscriptions x per-subscription limit) instead of ranking every due row.
create index event_message_due_subscription on event_message (subscription_id, priority desc, next_attempt)
    where status in ('pending', 'retrying');
