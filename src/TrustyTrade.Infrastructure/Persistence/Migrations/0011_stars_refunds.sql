-- Telegram Stars: payments that could not be applied to a deal (and are sent back), and what the hourly comparison
-- with Telegram's own list of the bot's Star transactions found different.

-- A successful payment Telegram took for a deal that could not take it (no longer awaiting payment, wrong amount,
-- unknown payload). It has no deal to hang a transactions row on, so it lives here, once per charge id, until refunded.
CREATE TABLE IF NOT EXISTS stars_unmatched_payments (
    charge_id         text           PRIMARY KEY,
    payer_telegram_id bigint         NOT NULL,
    amount            numeric(20, 6) NOT NULL,
    deal_id           bigint         NULL REFERENCES deals (id) ON DELETE RESTRICT,
    reason            text           NOT NULL,
    status            text           NOT NULL DEFAULT 'received',
    received_at       timestamptz    NOT NULL DEFAULT now(),
    refunded_at       timestamptz    NULL,
    CONSTRAINT stars_unmatched_payments_status_known CHECK (status IN ('received', 'refunded')),
    CONSTRAINT stars_unmatched_payments_amount_positive CHECK (amount > 0),
    CONSTRAINT stars_unmatched_payments_charge_length CHECK (char_length(charge_id) BETWEEN 1 AND 200),
    CONSTRAINT stars_unmatched_payments_refunded_when CHECK ((status = 'refunded') = (refunded_at IS NOT NULL))
);

-- A difference between Telegram's Star transactions and ours, for admins: each charge and kind of difference once.
CREATE TABLE IF NOT EXISTS stars_reconciliation_flags (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charge_id   text        NOT NULL,
    kind        text        NOT NULL,
    detail      text        NULL,
    flagged_at  timestamptz NOT NULL,
    resolved_at timestamptz NULL,
    resolved_by bigint      NULL REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT stars_reconciliation_flags_kind_known CHECK (kind IN (
        'missing_here', 'missing_at_telegram', 'refunded_only_at_telegram', 'refunded_only_here', 'amount_differs',
        'refund_pending')),
    CONSTRAINT stars_reconciliation_flags_detail_length CHECK (detail IS NULL OR char_length(detail) <= 2000)
);

CREATE UNIQUE INDEX IF NOT EXISTS stars_reconciliation_flags_key ON stars_reconciliation_flags (charge_id, kind);
CREATE INDEX IF NOT EXISTS stars_reconciliation_flags_open_idx ON stars_reconciliation_flags (flagged_at DESC) WHERE resolved_at IS NULL;
