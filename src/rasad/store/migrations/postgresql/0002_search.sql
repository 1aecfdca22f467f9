-- 0002_search: full-text search over the match-key form of every sentence and title span.
-- PostgreSQL's own full-text search with the 'simple' configuration (lower-casing, no stemming: the text is
-- already folded to match keys) and a GIN index on the expression that search queries use.

CREATE INDEX sentences_fts ON sentences USING GIN (to_tsvector('simple', key_text));
