-- 0001_core: articles as read and what Rasad found in them.
-- Every span is a pair of character offsets into articles.original (start_char inclusive, end_char exclusive).
-- Derived rows (everything but articles) are rebuilt by `rasad ingest --reprocess` from articles.original/record.

CREATE TABLE articles (
    id             TEXT PRIMARY KEY,        -- store id: content_hash, or a hash of input_url when the input has one
    content_hash   TEXT NOT NULL,           -- the `id` that `rasad extract` prints (SHA-256 of original, 16 hex)
    input_url      TEXT UNIQUE,             -- the URL the input came with (a record's url/link field): its identity
    url            TEXT,                    -- the URL Rasad found (the input's, or one printed in the text)
    source         TEXT NOT NULL,           -- file, archive member or record the article was read from
    language       TEXT,
    title          TEXT,
    published_date TEXT,                    -- ISO date
    published_time TEXT,
    outlet_id      TEXT,
    agency_id      TEXT,
    news_code      TEXT,
    original       TEXT NOT NULL,           -- the text every offset points into
    record         JSON NOT NULL,           -- the reader's record fields (JSON): with original, the pipeline's input
    output         JSON NOT NULL,           -- the pipeline's output (JSON; the extract record less original and text)
    schema_version TEXT NOT NULL,           -- of the output contract (src/rasad/schema/article.schema.json)
    rasad_version  TEXT NOT NULL,           -- the Rasad that made output and the derived rows
    ingested_at    TIMESTAMPTZ NOT NULL,
    processed_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published_date, id);
CREATE INDEX articles_outlet ON articles (outlet_id);
CREATE INDEX articles_agency ON articles (agency_id);
CREATE INDEX articles_language ON articles (language);

CREATE TABLE actors (
    id       TEXT PRIMARY KEY,              -- knowledge-base id, or new:TYPE:key for a provisional actor
    type     TEXT NOT NULL,                 -- PER, ORG, GPE, LOC
    name     TEXT NOT NULL,                 -- a display name: English when known
    name_en  TEXT,
    name_fa  TEXT,
    name_ar  TEXT,
    in_kb    BOOLEAN NOT NULL,
    country  TEXT,
    wikidata TEXT
);

-- An actor as one article presents it: the role it held on the article's date, how often it is named.
CREATE TABLE article_actors (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id   TEXT NOT NULL REFERENCES actors (id),
    seq        INTEGER NOT NULL,            -- order in the extract record
    role       JSON,                        -- JSON: {title, kind, country, org, start, end, as_of} or null
    role_kind  TEXT,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX article_actors_actor ON article_actors (actor_id, article_id);

-- Where each sentence (and title span) sits; sentences.key_text is its match-key form for search.
CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,            -- order by position in the original
    kind       TEXT NOT NULL CHECK (kind IN ('title', 'sentence')),
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    key_text   TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    actor_id   TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,               -- name, title, adjective, pronoun
    honorific  TEXT,
    sentence   INTEGER,                     -- sentences.seq of the sentence holding it; null outside them
    PRIMARY KEY (article_id, seq),
    FOREIGN KEY (article_id, actor_id) REFERENCES article_actors (article_id, actor_id) ON DELETE CASCADE
);
CREATE INDEX mentions_actor ON mentions (actor_id, article_id);

CREATE TABLE dates (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- absolute, relative, dateline
    value       TEXT,                       -- ISO date once resolved
    precision   TEXT,
    calendar    TEXT,
    time        TEXT,
    offset_days INTEGER,
    weekday     INTEGER,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX dates_value ON dates (value);

CREATE TABLE quotes (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id            TEXT NOT NULL,            -- the quote's id within the article
    seq           INTEGER NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    text          TEXT NOT NULL,
    cue           TEXT,
    direct        BOOLEAN NOT NULL,
    speaker       TEXT REFERENCES actors (id),
    speaker_text  TEXT,
    speaker_kind  TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    cue_start     INTEGER,
    cue_end       INTEGER,
    stance        TEXT,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX quotes_speaker ON quotes (speaker);

CREATE TABLE quote_topics (
    article_id TEXT NOT NULL,
    quote_id   TEXT NOT NULL,
    topic      TEXT NOT NULL,
    PRIMARY KEY (article_id, quote_id, topic),
    FOREIGN KEY (article_id, quote_id) REFERENCES quotes (article_id, id) ON DELETE CASCADE
);
CREATE INDEX quote_topics_topic ON quote_topics (topic, article_id);

-- PLOVER events. Same-event clusters come later, as a migration of their own (a clusters table, events.cluster_id).
CREATE TABLE events (
    article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id             TEXT NOT NULL,           -- the event's id within the article
    seq            INTEGER NOT NULL,
    type           TEXT NOT NULL,           -- PLOVER type: CONSULT, DEMAND, SUPPORT...
    mode           TEXT,
    source_actor   TEXT REFERENCES actors (id),
    target_actor   TEXT REFERENCES actors (id),
    date           TEXT,
    date_precision TEXT,
    location       TEXT,
    planned        BOOLEAN NOT NULL,
    quote_id       TEXT,                    -- quotes.id in the same article, for coded statements
    summary_en     TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    evidence_text  TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX events_type ON events (type, date);
CREATE INDEX events_date ON events (date);

CREATE TABLE event_participants (
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('participant', 'attendee')),
    seq        INTEGER NOT NULL,
    actor_id   TEXT NOT NULL REFERENCES actors (id),
    PRIMARY KEY (article_id, event_id, role, seq),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, id) ON DELETE CASCADE
);
CREATE INDEX event_participants_actor ON event_participants (actor_id, article_id);

CREATE TABLE event_topics (
    article_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    topic      TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id, topic),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, id) ON DELETE CASCADE
);
CREATE INDEX event_topics_topic ON event_topics (topic, article_id);
