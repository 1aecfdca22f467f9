-- 0002_search: full-text search over the match-key form of every sentence and title span (FTS5).
-- External content: the index reads sentences.key_text and maps each hit back to sentences.id, whose
-- row gives the article and the offsets into the original. Triggers keep the index in step.

CREATE VIRTUAL TABLE sentence_fts USING fts5 (
    key_text,
    content = 'sentences',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentence_fts (rowid, key_text) VALUES (new.id, new.key_text);
END;

CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentence_fts (sentence_fts, rowid, key_text) VALUES ('delete', old.id, old.key_text);
END;

CREATE TRIGGER sentences_fts_update AFTER UPDATE ON sentences BEGIN
    INSERT INTO sentence_fts (sentence_fts, rowid, key_text) VALUES ('delete', old.id, old.key_text);
    INSERT INTO sentence_fts (rowid, key_text) VALUES (new.id, new.key_text);
END;
