-- No query reads deals by (escrow_status, updated_at), and every deal transition changes both columns, so the index
-- only cost a write per transition. Reconciliation walks deals_open_idx and deals_closed_at_idx; a screen that lists
-- deals by status gets an index shaped for its own query when it exists.
DROP INDEX IF EXISTS deals_status_idx;
