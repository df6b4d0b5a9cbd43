-- A run no longer writes a "seen" mark to every contract it reads (that was one tuple write per
-- object per run, even when nothing changed). Instead it keeps the origin ids it read in memory and,
-- after a complete fetch, marks only the contracts it did NOT see (source_missing) and records its
-- start once on the synchronization (contracts_checked). A contract's sourceLastChecked is then
-- derived: its own stamp for a missing object, else the later of its own stamp and contracts_checked.
alter table contract add column source_missing boolean not null default false;
alter table synchronization add column contracts_checked timestamptz;

create view contract_view as
select c.id, c.synchronization_id, c.origin_id, c.target_id, c.source_hash, c.target_hash, c.target_last_action,
       c.source_last_changed,
       case when c.source_missing then c.source_last_checked
            else greatest(c.source_last_checked, s.contracts_checked) end as source_last_checked,
       c.source_last_synced, c.target_last_synced, c.created, c.updated
from contract c
join synchronization s on s.id = c.synchronization_id;
