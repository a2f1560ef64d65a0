-- Messages admins and integrations sent through the HTTP API: one to one user, or a broadcast to many. A row is
-- written in the same call that queues, so the history shows who sent what, to whom, and how many were queued.
-- (0013 and 0015 belong to other branches.)
CREATE TABLE api_messages (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL,
    sender_kind  text        NOT NULL,
    sender_id    bigint      NULL REFERENCES users (id) ON DELETE RESTRICT,
    api_key_id   bigint      NULL REFERENCES api_keys (id) ON DELETE RESTRICT,
    user_id      bigint      NULL REFERENCES users (id) ON DELETE RESTRICT,
    broadcast_id text        NULL,
    language     text        NULL,
    text         text        NOT NULL,
    queued       integer     NOT NULL,
    sent_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT api_messages_kind_known CHECK (kind IN ('direct', 'broadcast')),
    CONSTRAINT api_messages_sender_kind_known CHECK (sender_kind IN ('admin', 'api_key')),
    -- A direct message names its user; a broadcast its id (and maybe a language) and no user.
    CONSTRAINT api_messages_audience CHECK (
        (kind = 'direct' AND user_id IS NOT NULL AND broadcast_id IS NULL)
        OR (kind = 'broadcast' AND user_id IS NULL AND broadcast_id IS NOT NULL)),
    CONSTRAINT api_messages_text_length CHECK (char_length(text) BETWEEN 1 AND 4096),
    CONSTRAINT api_messages_queued_nonnegative CHECK (queued >= 0)
);

CREATE INDEX api_messages_user_idx ON api_messages (user_id, id) WHERE user_id IS NOT NULL;
