-- A storage run inserts one contract and one entity per object; each insert fired a foreign-key trigger
-- (an index probe plus a FOR KEY SHARE lock of the same synchronization / storage row, per row): about
-- 0.3 CPU-s of PostgreSQL per 100,000 rows each. The code now takes that lock once per window
-- transaction (or in the single-row statement itself) and deletes a synchronization's contracts and a
-- storage's entities itself, after the parent row, in the same transaction (see ContractRepository,
-- StorageRepository, SyncRepository). The constraints held until now, so no orphans exist.
alter table contract drop constraint if exists contract_synchronization_id_fkey;
alter table storage_entity drop constraint if exists storage_entity_storage_fkey;
