-- 0004_clusters: grouping, written by rasad.cluster. Near-duplicate articles (one wire story republished),
-- found by MinHash LSH over word shingles of the match-key body, and same-event clusters (one meeting or
-- statement reported by several outlets, in Persian or Arabic). Nothing here is primary data: `rasad clusters
-- --rebuild` makes it all again from the articles and events.

CREATE TABLE clusters (
    id         TEXT PRIMARY KEY,            -- 'd' (duplicates) or 'e' (events) + 15 hex digits of its first member
    kind       TEXT NOT NULL CHECK (kind IN ('duplicates', 'events')),
    type       TEXT,                        -- events: the PLOVER type of its events
    members    INTEGER NOT NULL,            -- articles (duplicates) or events (events) in it
    articles   INTEGER NOT NULL,            -- distinct articles
    outlets    INTEGER NOT NULL,            -- distinct outlets (an article of no known outlet counts as one)
    reports    INTEGER NOT NULL,            -- independent reports: different outlets or agencies, near-duplicates once
    languages  TEXT,                        -- the articles' languages, sorted, comma-separated: 'ar,fa'
    first_date TEXT,                        -- earliest event date (events) or publication date (duplicates)
    last_date  TEXT,
    label      TEXT                         -- events: the first event's English summary; duplicates: the first title
);
CREATE INDEX clusters_kind ON clusters (kind, first_date);

-- An article in a near-duplicate group of two or more (an article in no group has no row).
CREATE TABLE article_duplicates (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL REFERENCES clusters (id),
    similarity DOUBLE PRECISION NOT NULL    -- estimated Jaccard similarity to the group's first article (1 for it)
);
CREATE INDEX article_duplicates_cluster ON article_duplicates (cluster_id);

-- The same-event cluster of every event (a cluster of one when no other report matches it).
CREATE TABLE event_clusters (
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    cluster_id TEXT NOT NULL REFERENCES clusters (id),
    PRIMARY KEY (article_id, event_id),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, id) ON DELETE CASCADE
);
CREATE INDEX event_clusters_cluster ON event_clusters (cluster_id);
-- statements are matched by their speaker (meetings by their participants: event_participants_actor)
CREATE INDEX events_source ON events (source_actor, type);
-- search: an article's publication date without reading its (wide) row, to sort the articles that match,
-- and the articles newest first, to walk when an actor is named in many of them
CREATE INDEX articles_id_published ON articles (id, published_date);
CREATE INDEX articles_newest ON articles (published_date DESC NULLS LAST, id);

-- The MinHash signature of an article's body: 128 minimum hashes, unsigned 32-bit little-endian.
CREATE TABLE article_minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    shingles   INTEGER NOT NULL,            -- distinct word shingles; too few and the article is not compared
    signature  BYTEA NOT NULL
);

-- LSH: each signature cut into bands; articles sharing a band key are candidate near-duplicates.
-- No foreign key: deleting an article would scan this table; rows of articles gone are ignored and
-- removed by `rasad clusters --rebuild`.
CREATE TABLE minhash_bands (
    band_key   BIGINT NOT NULL,             -- the band's number and rows hashed to one signed 64-bit integer
    article_id TEXT NOT NULL,
    PRIMARY KEY (band_key, article_id)
);
