-- The catalogue search leaves out banned sellers' listings (an anti-join on each candidate row). Banned users are few,
-- so a partial index of them keeps that probe an index lookup instead of a scan of every user on each search.
CREATE INDEX IF NOT EXISTS users_banned_idx ON users (id) WHERE is_banned;
