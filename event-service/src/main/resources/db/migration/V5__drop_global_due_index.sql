-- Claims go per subscription (event_message_due_subscription) since V3. The global due index left
-- the planner a bad choice: the claim is a cached prepared statement, and its generic plan walked
-- every due row of every subscription through this index (345 ms per claim with a 24,000-row
-- backlog). Nothing else reads it, and each claim and outcome update paid to maintain it.
drop index if exists event_message_due;
