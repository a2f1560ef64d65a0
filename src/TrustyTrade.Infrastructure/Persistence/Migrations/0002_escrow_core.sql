-- Escrow core: users' language, role and ban; listings' title, credentials and search; deals' money, version
-- and deadlines; the double-entry ledger; idempotency keys; deal events and messages; disputes; ratings.
-- The tables below had no rows anywhere when this ran, so new NOT NULL columns need no back-fill.

ALTER TABLE users
    ADD COLUMN language      text    NOT NULL DEFAULT 'ru',
    ADD COLUMN role          text    NOT NULL DEFAULT 'user',
    ADD COLUMN is_banned     boolean NOT NULL DEFAULT false,
    ADD COLUMN ratings_count integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT users_language_known CHECK (language IN ('ru', 'en')),
    ADD CONSTRAINT users_role_known CHECK (role IN ('user', 'admin')),
    ADD CONSTRAINT users_ratings_count_nonnegative CHECK (ratings_count >= 0);

-- Per-game rules; a game without a row gets the default warranty from configuration.
CREATE TABLE game_settings (
    game          text PRIMARY KEY,
    warranty_days integer     NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT game_settings_warranty_range CHECK (warranty_days BETWEEN 0 AND 60)
);

ALTER TABLE accounts
    ADD COLUMN title              text        NOT NULL DEFAULT '',
    ADD COLUMN credentials        bytea       NULL,
    ADD COLUMN credentials_key_id text        NULL,
    ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN search_vector      tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, ''))) STORED,
    ADD CONSTRAINT accounts_title_length CHECK (char_length(title) <= 120),
    ADD CONSTRAINT accounts_credentials_with_key CHECK ((credentials IS NULL) = (credentials_key_id IS NULL));

-- Search serves only active listings: by game and price in one currency, by game and age, by price or age across
-- games, and by words (prefix matching over title and description, any language). Prices are compared only
-- within a currency, so the currency joins 0001's game-and-price index.
DROP INDEX accounts_active_game_price_idx;
CREATE INDEX accounts_active_game_price_idx ON accounts (game, currency, price, id) WHERE status = 'active';
CREATE INDEX accounts_active_game_created_idx ON accounts (game, created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX accounts_active_price_idx ON accounts (currency, price, id) WHERE status = 'active';
CREATE INDEX accounts_active_created_idx ON accounts (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX accounts_active_search_idx ON accounts USING gin (search_vector) WHERE status = 'active';

-- Word search within one game: the same words, each prefixed with a short hash of the game, so a game's search
-- reads only that game's posting lists instead of intersecting every game's (a common word in a million listings).
CREATE FUNCTION listing_search_in_game(game text, title text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(left(md5(game), 8) || lexeme)), ''::tsvector)
    FROM unnest(tsvector_to_array(to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, '')))) AS lexeme
$$;

ALTER TABLE accounts ADD COLUMN search_in_game tsvector GENERATED ALWAYS AS (listing_search_in_game(game, title, description)) STORED;
CREATE INDEX accounts_active_game_search_idx ON accounts USING gin (search_in_game) WHERE status = 'active';
CREATE INDEX accounts_pending_moderation_idx ON accounts (created_at) WHERE status = 'pending_moderation';

ALTER TABLE deals
    DROP CONSTRAINT deals_escrow_status_known,
    ADD CONSTRAINT deals_escrow_status_known CHECK (escrow_status IN (
        'awaiting_payment', 'paid', 'delivered', 'completed', 'released', 'cancelled', 'expired',
        'refunded', 'disputed', 'resolved')),
    ADD COLUMN amount             numeric(20, 6) NOT NULL,
    ADD COLUMN currency           text           NOT NULL,
    ADD COLUMN fee                numeric(20, 6) NOT NULL,
    ADD COLUMN warranty_days      integer        NOT NULL,
    ADD COLUMN version            integer        NOT NULL DEFAULT 0,
    ADD COLUMN payment_due_at     timestamptz    NOT NULL,
    ADD COLUMN paid_at            timestamptz    NULL,
    ADD COLUMN delivery_due_at    timestamptz    NULL,
    ADD COLUMN delivered_at       timestamptz    NULL,
    ADD COLUMN inspection_ends_at timestamptz    NULL,
    ADD COLUMN completed_at       timestamptz    NULL,
    ADD COLUMN warranty_ends_at   timestamptz    NULL,
    ADD COLUMN closed_at          timestamptz    NULL,
    ADD COLUMN disputed_from      text           NULL,
    ADD COLUMN updated_at         timestamptz    NOT NULL DEFAULT now(),
    ADD CONSTRAINT deals_currency_known CHECK (currency IN ('XTR', 'USDT')),
    ADD CONSTRAINT deals_amount_positive CHECK (amount > 0),
    ADD CONSTRAINT deals_fee_within_amount CHECK (fee >= 0 AND fee <= amount),
    ADD CONSTRAINT deals_warranty_range CHECK (warranty_days BETWEEN 0 AND 60),
    ADD CONSTRAINT deals_disputed_from_known CHECK (disputed_from IS NULL OR disputed_from IN ('paid', 'delivered', 'completed'));

-- The platform's timers and the admin panel look deals up by status.
CREATE INDEX deals_status_idx ON deals (escrow_status, updated_at);

-- Every accepted command, in order: the deal's history, for admins and evidence.
CREATE TABLE deal_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id     bigint      NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    command     text        NOT NULL,
    from_status text        NULL,
    to_status   text        NOT NULL,
    actor_kind  text        NOT NULL,
    actor_id    bigint      NULL,
    detail      text        NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deal_events_actor_kind_known CHECK (actor_kind IN ('user', 'admin', 'system'))
);

CREATE INDEX deal_events_deal_idx ON deal_events (deal_id, id);

-- Double-entry ledger: a posting is a set of entries that sum to zero per currency.
CREATE TABLE ledger_postings (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id    bigint      NULL REFERENCES deals (id) ON DELETE RESTRICT,
    kind       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ledger_postings_deal_idx ON ledger_postings (deal_id) WHERE deal_id IS NOT NULL;

CREATE TABLE ledger_entries (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    posting_id   bigint         NOT NULL REFERENCES ledger_postings (id) ON DELETE RESTRICT,
    account_kind text           NOT NULL,
    owner_id     bigint         NULL,
    currency     text           NOT NULL,
    amount       numeric(20, 6) NOT NULL,
    CONSTRAINT ledger_entries_account_kind_known CHECK (account_kind IN (
        'payments_received', 'escrow', 'warranty_hold', 'seller_available', 'buyer_refunds', 'platform_fees', 'paid_out')),
    CONSTRAINT ledger_entries_currency_known CHECK (currency IN ('XTR', 'USDT')),
    CONSTRAINT ledger_entries_amount_nonzero CHECK (amount <> 0)
);

CREATE INDEX ledger_entries_posting_idx ON ledger_entries (posting_id);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_kind, owner_id, currency);

-- Every statement's new entries must balance per posting and currency. A posting's entries are written by one
-- statement, and any later statement adding to a posting must balance on its own, so every posting balances.
-- (A statement-level check over the transition table costs one query per statement, not one per row.)
CREATE FUNCTION ledger_entries_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_entries GROUP BY posting_id, currency HAVING sum(amount) <> 0) THEN
        RAISE EXCEPTION 'ledger entries do not balance per posting and currency' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_must_balance();

-- The ledger is append-only: a mistake is corrected by another posting, never by editing history.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

-- The first result of each command that moves money, under its idempotency key.
CREATE TABLE idempotency_keys (
    key        text PRIMARY KEY,
    command    text        NOT NULL,
    deal_id    bigint      NULL REFERENCES deals (id) ON DELETE RESTRICT,
    result     jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_key_length CHECK (char_length(key) BETWEEN 1 AND 200)
);

-- The buyer–seller chat the bot relays, kept as evidence.
CREATE TABLE deal_messages (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id    bigint      NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    sender_id  bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT deal_messages_body_length CHECK (char_length(body) BETWEEN 1 AND 4000)
);

CREATE INDEX deal_messages_deal_idx ON deal_messages (deal_id, id);

CREATE TABLE disputes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id         bigint         NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    opened_by_kind  text           NOT NULL,
    opened_by       bigint         NULL REFERENCES users (id) ON DELETE RESTRICT,
    reason          text           NOT NULL,
    held_in         text           NOT NULL,
    status          text           NOT NULL DEFAULT 'open',
    outcome         text           NULL,
    seller_share    numeric(20, 6) NULL,
    fee             numeric(20, 6) NULL,
    buyer_share     numeric(20, 6) NULL,
    resolved_by     bigint         NULL REFERENCES users (id) ON DELETE RESTRICT,
    resolution_note text           NULL,
    resolved_at     timestamptz    NULL,
    created_at      timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT disputes_opened_by_kind_known CHECK (opened_by_kind IN ('user', 'admin')),
    CONSTRAINT disputes_reason_length CHECK (char_length(reason) BETWEEN 1 AND 2000),
    CONSTRAINT disputes_held_in_known CHECK (held_in IN ('escrow', 'warranty_hold')),
    CONSTRAINT disputes_status_known CHECK (status IN ('open', 'resolved')),
    CONSTRAINT disputes_outcome_known CHECK (outcome IS NULL OR outcome IN ('release_to_seller', 'refund_to_buyer', 'split')),
    CONSTRAINT disputes_resolved_completely CHECK (
        (status = 'open' AND outcome IS NULL AND resolved_at IS NULL)
        OR (status = 'resolved' AND outcome IS NOT NULL AND resolved_at IS NOT NULL AND resolved_by IS NOT NULL))
);

CREATE UNIQUE INDEX disputes_one_per_deal ON disputes (deal_id);
CREATE INDEX disputes_open_idx ON disputes (created_at) WHERE status = 'open';

CREATE TABLE dispute_evidence (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dispute_id       bigint      NOT NULL REFERENCES disputes (id) ON DELETE RESTRICT,
    submitted_by     bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    kind             text        NOT NULL,
    body             text        NULL,
    telegram_file_id text        NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dispute_evidence_kind_known CHECK (kind IN ('text', 'photo', 'document')),
    CONSTRAINT dispute_evidence_has_content CHECK (
        (kind = 'text' AND body IS NOT NULL AND char_length(body) BETWEEN 1 AND 4000)
        OR (kind <> 'text' AND telegram_file_id IS NOT NULL AND char_length(telegram_file_id) <= 200)),
    CONSTRAINT dispute_evidence_caption_length CHECK (body IS NULL OR char_length(body) <= 4000)
);

CREATE INDEX dispute_evidence_dispute_idx ON dispute_evidence (dispute_id, id);

CREATE TABLE ratings (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id    bigint      NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    rater_id   bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    ratee_id   bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    score      smallint    NOT NULL,
    comment    text        NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ratings_one_per_side UNIQUE (deal_id, rater_id),
    CONSTRAINT ratings_score_range CHECK (score BETWEEN 1 AND 5),
    CONSTRAINT ratings_not_self CHECK (rater_id <> ratee_id),
    CONSTRAINT ratings_comment_length CHECK (comment IS NULL OR char_length(comment) <= 500)
);

CREATE INDEX ratings_ratee_idx ON ratings (ratee_id, created_at DESC);
