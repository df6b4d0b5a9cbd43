-- Nothing looks contracts up by target id through this index (list filters compare cast text, the
-- deletion pass goes by synchronization and origin id), and every contract write paid for it.
drop index if exists contract_sync_target;
