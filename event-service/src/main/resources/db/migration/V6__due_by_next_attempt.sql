-- The claim's due scan per subscription ranges over next_attempt <= now() and stops at the limit.
-- On (subscription_id, priority desc, next_attempt) it could not: the range is per priority, so a
-- subscription whose rows were not due (put back for an open breaker, waiting for a retry) was walked
-- row by row on every claim. A subscription's messages come from its one definition and share its
-- priority, so ordering them by due time alone orders them as before; priority still orders the
-- claim across subscriptions.
create index event_message_due_next on event_message (subscription_id, next_attempt)
    where status in ('pending', 'retrying');
drop index if exists event_message_due_subscription;
