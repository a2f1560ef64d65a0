-- The seed's four tables, with the names and columns the product was specified with. Money is numeric with
-- its currency beside it: XTR (Telegram Stars, whole units) or USDT (6 decimals on-chain).

CREATE TABLE users (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    telegram_id bigint        NOT NULL,
    username    text          NULL,
    rating      numeric(3, 2) NOT NULL DEFAULT 0,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT users_telegram_id_key UNIQUE (telegram_id),
    CONSTRAINT users_telegram_id_positive CHECK (telegram_id > 0),
    CONSTRAINT users_username_length CHECK (username IS NULL OR char_length(username) BETWEEN 1 AND 64),
    CONSTRAINT users_rating_range CHECK (rating BETWEEN 0 AND 5)
);

CREATE UNIQUE INDEX users_username_key ON users (lower(username)) WHERE username IS NOT NULL;

CREATE TABLE accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint         NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    game        text           NOT NULL,
    description text           NOT NULL,
    price       numeric(20, 6) NOT NULL,
    currency    text           NOT NULL,
    status      text           NOT NULL DEFAULT 'draft',
    created_at  timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT accounts_game_length CHECK (char_length(game) BETWEEN 1 AND 100),
    CONSTRAINT accounts_description_length CHECK (char_length(description) <= 4000),
    CONSTRAINT accounts_currency_known CHECK (currency IN ('XTR', 'USDT')),
    CONSTRAINT accounts_price_positive CHECK (price > 0),
    CONSTRAINT accounts_price_whole_stars CHECK (currency <> 'XTR' OR price = trunc(price)),
    CONSTRAINT accounts_status_known CHECK (
        status IN ('draft', 'pending_moderation', 'active', 'reserved', 'sold', 'removed'))
);

CREATE INDEX accounts_user_id_idx ON accounts (user_id, created_at DESC);
CREATE INDEX accounts_active_game_price_idx ON accounts (game, price, id) WHERE status = 'active';

CREATE TABLE deals (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id     bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    buyer_id      bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    account_id    bigint      NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
    escrow_status text        NOT NULL DEFAULT 'awaiting_payment',
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deals_buyer_is_not_seller CHECK (buyer_id <> seller_id),
    CONSTRAINT deals_escrow_status_known CHECK (escrow_status IN (
        'awaiting_payment', 'paid', 'delivered', 'completed', 'cancelled', 'expired',
        'refunded', 'disputed', 'resolved'))
);

CREATE INDEX deals_seller_id_idx ON deals (seller_id, created_at DESC);
CREATE INDEX deals_buyer_id_idx ON deals (buyer_id, created_at DESC);
CREATE INDEX deals_account_id_idx ON deals (account_id);
-- A listing can be in at most one deal that is still in progress.
CREATE UNIQUE INDEX deals_one_open_per_account ON deals (account_id)
    WHERE escrow_status IN ('awaiting_payment', 'paid', 'delivered', 'disputed');

CREATE TABLE transactions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id          bigint         NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    payment_method   text           NOT NULL,
    amount           numeric(20, 6) NOT NULL,
    currency         text           NOT NULL,
    status           text           NOT NULL DEFAULT 'pending',
    transaction_hash text           NULL,
    created_at       timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT transactions_payment_method_known CHECK (payment_method IN ('telegram_stars', 'crypto')),
    CONSTRAINT transactions_currency_known CHECK (currency IN ('XTR', 'USDT')),
    CONSTRAINT transactions_method_matches_currency CHECK (
        (payment_method = 'telegram_stars' AND currency = 'XTR')
        OR (payment_method = 'crypto' AND currency = 'USDT')),
    CONSTRAINT transactions_amount_positive CHECK (amount > 0),
    CONSTRAINT transactions_status_known CHECK (status IN ('pending', 'confirmed', 'failed', 'refunded')),
    CONSTRAINT transactions_hash_length CHECK (transaction_hash IS NULL OR char_length(transaction_hash) BETWEEN 1 AND 200)
);

CREATE INDEX transactions_deal_id_idx ON transactions (deal_id, created_at);
-- A payment (Stars charge id or chain transaction hash) is counted once.
CREATE UNIQUE INDEX transactions_payment_key ON transactions (payment_method, transaction_hash)
    WHERE transaction_hash IS NOT NULL;
