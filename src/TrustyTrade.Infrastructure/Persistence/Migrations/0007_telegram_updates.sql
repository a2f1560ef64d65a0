-- Telegram update ids the webhook has let through: the backstop under Redis's fast "seen before?" answer, so a
-- redelivered update is dropped even after Redis forgot it. Rows older than Telegram's 24-hour redelivery window
-- serve no purpose and may be deleted.
CREATE TABLE telegram_updates (
    update_id   bigint      PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT telegram_updates_id_positive CHECK (update_id > 0)
);
