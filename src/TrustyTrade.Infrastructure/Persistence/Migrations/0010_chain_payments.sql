-- On-chain (USDT, ERC-20) payments: one deposit address per deal, the transfers that reached them, the poller's place
-- on the chain, and what an admin must look at.

-- A deal's deposits: chain transfers booked as they confirm, applied to the deal when they reach its price.
ALTER TABLE ledger_entries
    DROP CONSTRAINT ledger_entries_account_kind_known,
    ADD CONSTRAINT ledger_entries_account_kind_known CHECK (account_kind IN (
        'payments_received', 'escrow', 'warranty_hold', 'seller_available', 'buyer_refunds', 'platform_fees', 'paid_out',
        'deposits'));

-- The deposit address's key is sealed by the credential vault (AES-256-GCM), as listings' credentials are.
CREATE TABLE crypto_invoices (
    deal_id     bigint PRIMARY KEY REFERENCES deals (id) ON DELETE RESTRICT,
    address     text           NOT NULL,
    private_key bytea          NOT NULL,
    key_id      text           NOT NULL,
    received    numeric(20, 6) NOT NULL DEFAULT 0,
    settled_at  timestamptz    NULL,
    created_at  timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT crypto_invoices_address_format CHECK (address ~ '^0x[0-9a-f]{40}$'),
    CONSTRAINT crypto_invoices_received_nonnegative CHECK (received >= 0)
);

CREATE UNIQUE INDEX crypto_invoices_address ON crypto_invoices (address);
-- Deposits not yet applied to a paid deal or returned to the buyer: what the poller settles.
CREATE INDEX crypto_invoices_unsettled_idx ON crypto_invoices (deal_id) WHERE settled_at IS NULL AND received > 0;
CREATE INDEX crypto_invoices_created_idx ON crypto_invoices (created_at);

-- Every token transfer that reached a deposit address, once: the (hash, log) pair is the replay guard.
CREATE TABLE chain_deposits (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id          bigint         NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    transaction_hash text           NOT NULL,
    log_index        integer        NOT NULL,
    block_number     bigint         NOT NULL,
    from_address     text           NOT NULL,
    amount           numeric(20, 6) NOT NULL,
    applied_as       text           NOT NULL,
    created_at       timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT chain_deposits_once UNIQUE (transaction_hash, log_index),
    CONSTRAINT chain_deposits_amount_positive CHECK (amount > 0),
    CONSTRAINT chain_deposits_applied_as_known CHECK (applied_as IN ('deposit', 'late'))
);

CREATE INDEX chain_deposits_deal_idx ON chain_deposits (deal_id, id);

-- The poller's place: the next block to read, and the one tick message allowed to read it (a duplicate or stale
-- tick finds another number here and does nothing).
CREATE TABLE chain_cursor (
    id             smallint PRIMARY KEY DEFAULT 1,
    next_block     bigint      NOT NULL,
    scheduled_tick bigint      NOT NULL DEFAULT 0,
    polled_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT chain_cursor_single CHECK (id = 1),
    CONSTRAINT chain_cursor_block_nonnegative CHECK (next_block >= 0)
);

-- Money an admin should look at (a payment after the deadline, deposits returned to a buyer), each once.
CREATE TABLE payment_flags (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL,
    deal_id     bigint      NULL REFERENCES deals (id) ON DELETE RESTRICT,
    reference   text        NOT NULL,
    detail      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz NULL,
    CONSTRAINT payment_flags_once UNIQUE (kind, reference),
    CONSTRAINT payment_flags_kind_known CHECK (kind IN ('late_payment', 'deposit_returned'))
);

CREATE INDEX payment_flags_open_idx ON payment_flags (created_at) WHERE resolved_at IS NULL;
