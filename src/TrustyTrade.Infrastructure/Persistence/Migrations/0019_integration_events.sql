-- The integration events' outbox (issue 9): each row is written in the transaction of the deal change that raised it,
-- and the relay publishes it to Service Bus when one is configured. Published rows, and every row when nothing
-- publishes, are deleted after IntegrationEvents:RetentionDays.
CREATE TABLE integration_events (
    id              uuid        PRIMARY KEY,   -- derived from (type, deal, version): the Service Bus message id
    type            text        NOT NULL,
    deal_id         bigint      NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    deal_version    integer     NOT NULL,
    occurred_at     timestamptz NOT NULL,
    payload         jsonb       NOT NULL,
    published_at    timestamptz NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text        NULL,
    CONSTRAINT integration_events_one_per_change UNIQUE (deal_id, deal_version, type),
    CONSTRAINT integration_events_attempts_nonnegative CHECK (attempts >= 0)
);

-- What the relay claims, oldest first; it stays small, as published rows leave it.
CREATE INDEX integration_events_unpublished_idx ON integration_events (occurred_at) WHERE published_at IS NULL;

-- What the clean-up deletes.
CREATE INDEX integration_events_published_idx ON integration_events (published_at) WHERE published_at IS NOT NULL;
