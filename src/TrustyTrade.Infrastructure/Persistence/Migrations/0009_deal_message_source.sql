-- A chat message relayed by the bot names the Telegram update it came from, so the same update run again (the queue
-- retries after a failure further on) keeps one message as evidence, not two.
ALTER TABLE deal_messages ADD COLUMN IF NOT EXISTS source_key text NULL;
CREATE UNIQUE INDEX IF NOT EXISTS deal_messages_source_key ON deal_messages (source_key) WHERE source_key IS NOT NULL;
