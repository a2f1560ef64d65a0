-- Who may call the HTTP API, and what admins and integrations did through it. (0013 belongs to another branch.)

-- Integration keys: only a SHA-256 of the secret part is kept (the key is random and long, so a slow hash buys
-- nothing); the id is part of the key, so a lookup needs no scan.
CREATE TABLE api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    scopes       text[]      NOT NULL,
    created_by   bigint      NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz NULL,
    last_used_at timestamptz NULL,
    CONSTRAINT api_keys_name_length CHECK (char_length(name) BETWEEN 1 AND 100)
);

-- Refresh tokens rotate on each use. A family is one sign-in; a token used twice means it was copied, so the whole
-- family is revoked (RFC 6819 5.2.2.3). Only a SHA-256 of each token is kept.
CREATE TABLE refresh_tokens (
    token_hash bytea       PRIMARY KEY,
    family     uuid        NOT NULL,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text        NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz NULL,
    revoked_at timestamptz NULL,
    CONSTRAINT refresh_tokens_role_known CHECK (role IN ('user', 'admin'))
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

-- Every admin and integration write: who, what, when, the state before and after. Rows are only ever added.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_kind  text        NOT NULL,
    actor_id    bigint      NULL,
    api_key_id  bigint      NULL REFERENCES api_keys (id) ON DELETE RESTRICT,
    action      text        NOT NULL,
    target_type text        NOT NULL,
    target_id   text        NULL,
    before      jsonb       NULL,
    after       jsonb       NULL,
    client_ip   text        NULL,
    CONSTRAINT audit_log_actor_kind_known CHECK (actor_kind IN ('user', 'admin', 'api_key', 'system'))
);

CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, id DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- The answer to a POST that carried an Idempotency-Key, per caller, so a retry gets the same answer and a key reused
-- for another request is refused. A row without a status is a request still running.
CREATE TABLE api_idempotency (
    caller       text        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    status       int         NULL,
    body         text        NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);

CREATE INDEX api_idempotency_created_idx ON api_idempotency (created_at);
