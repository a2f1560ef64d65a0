-- Word search within a game, answered by exact index lookups. 0002 indexed each word once and matched a search
-- word as a prefix ('word':*), which GIN answers by scanning and merging every posting list in the prefix's range:
-- about 4 ms per word at a million listings. Here every prefix of every word (1 to 30 characters, the longest
-- search word ListingService keeps) is a lexeme of its own, still behind the game's short hash, so a search word is
-- one exact GIN lookup and several words intersect their posting lists directly.
--
-- The prefixes live only in the index (an expression index, not a stored column): stored, they would double the
-- table that every search reads its rows from.
ALTER TABLE accounts DROP COLUMN search_in_game;
DROP FUNCTION listing_search_in_game(text, text, text);

CREATE FUNCTION listing_search_prefixes(game text, title text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT left(md5(game), 8) || left(lexeme, n))), ''::tsvector)
    FROM unnest(tsvector_to_array(to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, '')))) AS lexeme,
         generate_series(1, least(char_length(lexeme), 30)) AS n
$$;

CREATE INDEX accounts_active_game_prefixes_idx ON accounts
    USING gin (listing_search_prefixes(game, title, description)) WHERE status = 'active';
