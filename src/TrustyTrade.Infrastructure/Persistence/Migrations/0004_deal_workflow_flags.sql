-- Deal workflows that reconciliation could not repair by itself (failed, terminated, suspended) or found stuck past
-- a deadline: what admins look at. One open flag per deal and reason; seeing it again counts, it does not add rows.

CREATE TABLE deal_workflow_flags (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deal_id      bigint      NOT NULL REFERENCES deals (id) ON DELETE RESTRICT,
    reason       text        NOT NULL,
    detail       text        NULL,
    flagged_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    times_seen   integer     NOT NULL DEFAULT 1,
    resolved_at  timestamptz NULL,
    resolved_by  bigint      NULL REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT deal_workflow_flags_reason_known CHECK (reason IN ('failed', 'terminated', 'suspended', 'stuck')),
    CONSTRAINT deal_workflow_flags_detail_length CHECK (detail IS NULL OR char_length(detail) <= 2000),
    CONSTRAINT deal_workflow_flags_times_seen_positive CHECK (times_seen > 0)
);

CREATE UNIQUE INDEX deal_workflow_flags_open_key ON deal_workflow_flags (deal_id, reason) WHERE resolved_at IS NULL;
CREATE INDEX deal_workflow_flags_open_idx ON deal_workflow_flags (last_seen_at DESC) WHERE resolved_at IS NULL;

-- Reconciliation reads deals still in progress, and deals closed lately.
CREATE INDEX deals_open_idx ON deals (id)
    WHERE escrow_status IN ('awaiting_payment', 'paid', 'delivered', 'completed', 'disputed');
CREATE INDEX deals_closed_at_idx ON deals (closed_at) WHERE closed_at IS NOT NULL;
