-- The deal version each event produced. The deal's workflow reads the deal after each signal, and two steps can follow
-- each other faster than that (a payment confirmed and the account delivered within a second): the workflow tells the
-- parties about every version it has not told yet from these rows, not only the one it read. Events written before
-- this migration have none; for them the workflow tells the deal as it is.
ALTER TABLE deal_events ADD COLUMN version integer NULL;
