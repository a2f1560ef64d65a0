-- The hourly clean-up deletes the rows older than Telegram's redelivery window oldest first, a bounded batch at a
-- time: without this index each batch would scan the whole table.
CREATE INDEX IF NOT EXISTS telegram_updates_received_at_idx ON telegram_updates (received_at);
