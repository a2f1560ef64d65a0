-- Seller payouts in USDT from the hot wallet, the admin's XTR→USDT rate, and sweeping deposits to the hot wallet.
-- (0011 belongs to another branch.)

-- payout_pending: a user's money on its way out (owner: user); currency_exchange: the platform's side of converting
-- Stars earnings to USDT, so each currency balances on its own.
ALTER TABLE ledger_entries
    DROP CONSTRAINT ledger_entries_account_kind_known,
    ADD CONSTRAINT ledger_entries_account_kind_known CHECK (account_kind IN (
        'payments_received', 'escrow', 'warranty_hold', 'seller_available', 'buyer_refunds', 'platform_fees', 'paid_out',
        'deposits', 'payout_pending', 'currency_exchange'));

-- A bot can't send Stars to a user, so XTR earnings are paid out in USDT at the rate an admin sets. History is kept:
-- the newest row counts, and each payout copies the rate it used.
CREATE TABLE exchange_rates (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    currency text           NOT NULL,
    target   text           NOT NULL,
    rate     numeric(20, 6) NOT NULL,
    set_by   bigint         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    set_at   timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT exchange_rates_pair_known CHECK (currency = 'XTR' AND target = 'USDT'),
    CONSTRAINT exchange_rates_rate_positive CHECK (rate > 0)
);

CREATE INDEX exchange_rates_newest_idx ON exchange_rates (currency, target, id DESC);

CREATE TABLE payouts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    amount          numeric(20, 6) NOT NULL,
    address         text           NOT NULL,
    status          text           NOT NULL DEFAULT 'requested',
    source_currency text           NOT NULL,
    source_amount   numeric(20, 6) NOT NULL,
    rate            numeric(20, 6) NULL,
    idempotency_key text           NOT NULL,
    approved_by     bigint         NULL REFERENCES users (id) ON DELETE RESTRICT,
    decided_at      timestamptz    NULL,
    reject_reason   text           NULL,
    nonce           bigint         NULL,
    tx_hash         text           NULL,
    raw_tx          text           NULL,
    block_number    bigint         NULL,
    created_at      timestamptz    NOT NULL DEFAULT now(),
    signed_at       timestamptz    NULL,
    sent_at         timestamptz    NULL,
    finished_at     timestamptz    NULL,
    updated_at      timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT payouts_amount_positive CHECK (amount > 0),
    CONSTRAINT payouts_source_amount_positive CHECK (source_amount > 0),
    CONSTRAINT payouts_address_format CHECK (address ~ '^0x[0-9a-f]{40}$'),
    CONSTRAINT payouts_status_known CHECK (status IN ('requested', 'approved', 'rejected', 'signed', 'sent', 'confirmed', 'failed')),
    CONSTRAINT payouts_source_currency_known CHECK (source_currency IN ('XTR', 'USDT')),
    -- A conversion records its rate; a USDT payout has none.
    CONSTRAINT payouts_rate_with_conversion CHECK ((source_currency = 'XTR') = (rate IS NOT NULL)),
    -- Once signed, the transaction is stored before it is broadcast: a retry sends this one, never a second.
    CONSTRAINT payouts_signed_with_tx CHECK (status IN ('requested', 'approved', 'rejected') OR (nonce IS NOT NULL AND tx_hash IS NOT NULL AND raw_tx IS NOT NULL)),
    CONSTRAINT payouts_idempotency_key_unique UNIQUE (idempotency_key),
    CONSTRAINT payouts_tx_hash_unique UNIQUE (tx_hash)
);

CREATE INDEX payouts_user_idx ON payouts (user_id, id);
CREATE INDEX payouts_working_idx ON payouts (status, id) WHERE status IN ('requested', 'approved', 'signed', 'sent');

-- A payout's postings (requested, rejected, paid out) point to it, as a deal's point to the deal.
ALTER TABLE ledger_postings ADD COLUMN payout_id bigint NULL REFERENCES payouts (id) ON DELETE RESTRICT;
CREATE INDEX ledger_postings_payout_idx ON ledger_postings (payout_id) WHERE payout_id IS NOT NULL;

-- The hot wallet's next nonce, handed out under this row's lock: two senders never sign with one nonce.
CREATE TABLE hot_wallet_nonces (
    address    text        PRIMARY KEY,
    next_nonce bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hot_wallet_nonces_address_format CHECK (address ~ '^0x[0-9a-f]{40}$'),
    CONSTRAINT hot_wallet_nonces_nonnegative CHECK (next_nonce >= 0)
);

-- Moving a paid deal's deposit to the hot wallet: gas from the hot wallet first when the address has none, then the
-- token. Each transaction is stored signed before it is broadcast, as payouts' are.
CREATE TABLE sweeps (
    deal_id        bigint         PRIMARY KEY REFERENCES deals (id) ON DELETE RESTRICT,
    step           text           NOT NULL,
    amount         numeric(20, 6) NOT NULL,
    gas_nonce      bigint         NULL,
    gas_tx_hash    text           NULL,
    gas_raw_tx     text           NULL,
    sweep_tx_hash  text           NULL,
    sweep_raw_tx   text           NULL,
    finished_at    timestamptz    NULL,
    created_at     timestamptz    NOT NULL DEFAULT now(),
    updated_at     timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT sweeps_step_known CHECK (step IN ('gas_funded', 'swept')),
    CONSTRAINT sweeps_amount_positive CHECK (amount > 0),
    CONSTRAINT sweeps_gas_with_tx CHECK (step <> 'gas_funded' OR gas_tx_hash IS NOT NULL),
    CONSTRAINT sweeps_swept_with_tx CHECK (step <> 'swept' OR sweep_tx_hash IS NOT NULL)
);

-- A payout whose transaction failed on chain: its money stays pending until an admin decides.
ALTER TABLE payment_flags
    DROP CONSTRAINT payment_flags_kind_known,
    ADD CONSTRAINT payment_flags_kind_known CHECK (kind IN ('late_payment', 'deposit_returned', 'payout_failed'));
