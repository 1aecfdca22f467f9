-- 0005_views: readable views with English names, for Datasette and SQL by hand. One row per event,
-- quote, actor mention, article or cluster; actors by their display name (English when known), lists
-- joined with '; ', dates ISO. An event's date is its own day, else its article's publication date.

CREATE VIEW v_articles AS
SELECT a.id AS article_id, a.published_date AS date, a.language, a.title, coalesce(a.outlet_id, a.agency_id) AS outlet,
       a.agency_id AS agency, a.news_code, a.url, a.source, d.cluster_id AS duplicates_cluster,
       (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
       length(a.original) AS characters
FROM articles a
LEFT JOIN article_duplicates d ON d.article_id = a.id;

CREATE VIEW v_events AS
SELECT e.article_id, e.id AS event_id,
       coalesce(CASE WHEN length(e.date) = 10 THEN e.date END, a.published_date) AS date,
       e.type, e.mode,
       (SELECT group_concat(name, '; ') FROM (
            SELECT x.name FROM event_participants p JOIN actors x ON x.id = p.actor_id
            WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'participant' ORDER BY p.seq)) AS participants,
       (SELECT group_concat(name, '; ') FROM (
            SELECT x.name FROM event_participants p JOIN actors x ON x.id = p.actor_id
            WHERE p.article_id = e.article_id AND p.event_id = e.id AND p.role = 'attendee' ORDER BY p.seq)) AS attendees,
       src.name AS source, tgt.name AS target, loc.name AS location, e.planned, e.summary_en,
       (SELECT group_concat(topic, '; ') FROM (
            SELECT t.topic FROM event_topics t WHERE t.article_id = e.article_id AND t.event_id = e.id ORDER BY t.topic)) AS topics,
       e.evidence_text AS evidence, a.title AS article_title, a.language, coalesce(a.outlet_id, a.agency_id) AS outlet,
       a.source AS article_source, a.url, ec.cluster_id, c.reports AS independent_reports
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN actors src ON src.id = e.source_actor
LEFT JOIN actors tgt ON tgt.id = e.target_actor
LEFT JOIN actors loc ON loc.id = e.location
LEFT JOIN event_clusters ec ON ec.article_id = e.article_id AND ec.event_id = e.id
LEFT JOIN clusters c ON c.id = ec.cluster_id;

CREATE VIEW v_quotes AS
SELECT q.article_id, q.id AS quote_id, a.published_date AS date, sp.name AS speaker, q.speaker_text, q.text,
       (SELECT group_concat(topic, '; ') FROM (
            SELECT t.topic FROM quote_topics t WHERE t.article_id = q.article_id AND t.quote_id = q.id ORDER BY t.topic)) AS topics,
       q.stance, q.direct, q.cue, a.language, coalesce(a.outlet_id, a.agency_id) AS outlet, a.title AS article_title,
       a.source AS article_source, a.url
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN actors sp ON sp.id = q.speaker;

CREATE VIEW v_actor_mentions AS
SELECT m.article_id, m.seq, x.name AS actor, m.actor_id, x.type AS actor_type, x.country AS actor_country,
       m.text AS mention, m.kind, m.honorific, a.published_date AS date, a.language,
       coalesce(a.outlet_id, a.agency_id) AS outlet, a.title AS article_title,
       substr(a.original, s.start_char + 1, s.end_char - s.start_char) AS sentence
FROM mentions m
JOIN actors x ON x.id = m.actor_id
JOIN articles a ON a.id = m.article_id
LEFT JOIN sentences s ON s.article_id = m.article_id AND s.seq = m.sentence;

CREATE VIEW v_clusters AS
SELECT c.id AS cluster_id, c.kind, c.type, c.first_date, c.last_date, c.members, c.articles, c.outlets,
       c.reports AS independent_reports, c.languages, c.label
FROM clusters c;
