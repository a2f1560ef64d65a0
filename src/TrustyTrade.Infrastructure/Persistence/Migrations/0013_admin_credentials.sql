-- Admins' web-panel sign-in: a login and password hash, a TOTP secret sealed by the credential vault (AES-256-GCM,
-- key id beside it, as listings' credentials are) and one-use recovery codes stored as SHA-256 hashes only.
-- (0014 belongs to another branch.)
CREATE TABLE admin_credentials (
    user_id        bigint      PRIMARY KEY REFERENCES users (id) ON DELETE RESTRICT,
    login          text        NOT NULL,
    password_hash  text        NOT NULL,
    totp_secret    bytea       NOT NULL,
    totp_key_id    text        NOT NULL,
    -- The last TOTP time step accepted: a code is taken only for a later step, so none works twice.
    totp_last_step bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT admin_credentials_login_format CHECK (login ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$')
);

-- Logins compare case-insensitively: "Alice" and "alice" are one admin.
CREATE UNIQUE INDEX admin_credentials_login_unique ON admin_credentials (lower(login));

CREATE TABLE admin_recovery_codes (
    user_id   bigint      NOT NULL REFERENCES admin_credentials (user_id) ON DELETE CASCADE,
    code_hash text        NOT NULL,
    used_at   timestamptz NULL,
    PRIMARY KEY (user_id, code_hash),
    CONSTRAINT admin_recovery_codes_hash_format CHECK (code_hash ~ '^[0-9a-f]{64}$')
);
