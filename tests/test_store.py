"""The store: schema and migrations, idempotent and incremental ingest, the round trip Article ->
database -> Article, reprocessing, identity by URL or content hash, WAL readers, and clean errors.

Every test that takes ``db`` runs on SQLite and on PostgreSQL; the PostgreSQL half needs a server
named by RASAD_TEST_PG (.ci/run starts one) and skips with the reason when it is not set.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from rasad.cli import main
from rasad.ingest.readers import read_inputs
from rasad.serialize import to_dict
from rasad.store import check, contents, ingest, ingest_paths, open_store, reprocess, search
from rasad.store.errors import MigrationError, StoreConnectError, StoreError, StoreNotFound
from rasad.store.migrate import NAME, migrations
from rasad.store.rows import ARTICLE_TABLES, record_of, store_id

from conftest import EXAMPLES, SEEDS

PG_ENV = "RASAD_TEST_PG"
BACKENDS = ["sqlite", "postgresql"]
TEXT = "تیتر خبر\n\nوزیر خارجه امروز با همتای خود دیدار و درباره مسائل منطقه گفتگو کرد و دو طرف بر همکاری تاکید کردند.\n"


def _pg_url_with_schema(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def new_location(backend: str, folder: Path):
    """A new, empty store location: a SQLite file in ``folder``, or a schema of its own on the PostgreSQL
    test server (dropped afterwards)."""
    if backend == "sqlite":
        yield str(folder / "store.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one and sets it)")
    import psycopg

    schema = f"rasad_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_url_with_schema(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    with new_location(request.param, tmp_path) as location:
        yield location


def corpus() -> list[str]:
    """The seeds (when ../shared is here) and the repository's examples."""
    return ([str(SEEDS)] if SEEDS.exists() else []) + [str(EXAMPLES)]


class CountingPipeline:
    """The default pipeline, counting the articles it is run on."""

    def __init__(self):
        import rasad

        self.inner = rasad.load_pipeline()
        self.sources: list[str] = []

    def __call__(self, article):
        self.sources.append(article.source)
        return self.inner(article)


# ------------------------------------------------------------------ schema and migrations


def test_store_migrations_are_named_in_order_and_alike_on_both_backends():
    sqlite_names = [m.name for m in migrations("sqlite")]
    pg_names = [m.name for m in migrations("postgresql")]
    assert sqlite_names == pg_names
    assert sqlite_names == sorted(sqlite_names) and len(set(sqlite_names)) == len(sqlite_names)
    assert all(NAME.match(n) for n in sqlite_names)
    assert sqlite_names[:2] == ["0001_core", "0002_search"]


def test_store_open_applies_each_migration_once(db):
    with open_store(db) as store:
        first = store.query("SELECT name, checksum FROM schema_migrations ORDER BY name")
        tables = set(store.tables())
    with open_store(db) as store:
        assert store.query("SELECT name, checksum FROM schema_migrations ORDER BY name") == first
    assert [r[0] for r in first] == [m.name for m in migrations("postgresql" if db.startswith("postgresql") else "sqlite")]
    assert {"articles", "actors", "article_actors", "mentions", "sentences", "dates", "events", "event_participants", "quotes"} <= tables


def test_store_foreign_keys_refuse_a_mention_of_no_article(db):
    with open_store(db) as store:
        with pytest.raises(store.integrity_errors):
            with store.transaction():
                store.execute("INSERT INTO mentions (article_id, seq, actor_id, start_char, end_char, text, kind) VALUES ('nope', 0, 'iran', 0, 1, 'x', 'name')")


def test_store_edited_or_unknown_migration_is_refused(tmp_path):
    path = str(tmp_path / "s.db")
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE name = '0001_core'")
    conn.commit()
    with pytest.raises(MigrationError, match="0001_core changed after it was applied"):
        open_store(path)
    conn.execute("UPDATE schema_migrations SET checksum = ? WHERE name = '0001_core'", (migrations("sqlite")[0].checksum,))
    conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'x', 'now')")
    conn.commit()
    with pytest.raises(MigrationError, match="9999_future"):
        open_store(path)


# ------------------------------------------------------------------ ingest


def test_store_ingest_twice_gives_the_same_database_as_once(db):
    paths = corpus()
    first = ingest_paths(db, paths)
    once = contents(db)
    second = ingest_paths(db, paths)
    assert first.skipped == [] and first.added == len(once["articles"]) >= 5
    assert second.added == 0 and second.existing == first.added
    assert contents(db) == once
    assert check(db) == []


def test_store_ingest_is_incremental_and_skips_stored_articles_before_the_pipeline(db):
    ingest_paths(db, [str(EXAMPLES)])
    counting = CountingPipeline()
    report = ingest(db, read_inputs(corpus()), counting)
    examples = [a.source for a in read_inputs([str(EXAMPLES)])]
    assert report.existing == len(examples)
    assert not set(counting.sources) & set(examples)
    assert report.added == len(counting.sources) == len(list(read_inputs(corpus()))) - len(examples)


def test_store_round_trip_gives_back_the_extract_record(db, pipeline):
    articles = list(read_inputs(corpus()))
    ingest(db, articles, pipeline)
    with open_store(db) as store:
        for a in articles:
            original, output, version = store.execute("SELECT original, output, rasad_version FROM articles WHERE id = ?", (store_id(a.id, a.url),)).fetchone()
            output = json.loads(output) if isinstance(output, str) else output
            assert record_of(original, output) == to_dict(pipeline(a))
            assert version


def test_store_rows_match_the_record(db, pipeline):
    article = next(a for a in read_inputs([str(EXAMPLES)]) if a.source.endswith("fa_araghchi_hussein.txt"))
    record = to_dict(pipeline(article))
    ingest(db, [article], pipeline)
    aid = store_id(article.id, article.url)
    with open_store(db) as store:
        mentions = store.query("SELECT actor_id, start_char, end_char, text FROM mentions WHERE article_id = ? ORDER BY seq", (aid,))
        sentences = store.query("SELECT kind, start_char, end_char FROM sentences WHERE article_id = ? ORDER BY seq", (aid,))
        kb_flags = dict(store.query("SELECT id, in_kb FROM actors"))
        dates = store.query("SELECT start_char, end_char, value FROM dates WHERE article_id = ? ORDER BY seq", (aid,))
    assert mentions == [(a["id"], m["start"], m["end"], m["text"]) for a in record["actors"] for m in a["mentions"]]
    assert [(s, e) for k, s, e in sentences if k == "sentence"] == [(s["start"], s["end"]) for s in record["sentences"]]
    assert all(record["original"][s:e] == text for _, s, e, text in mentions)
    assert all(bool(kb_flags[a["id"]]) == a["in_kb"] for a in record["actors"])
    assert dates == [(d["start"], d["end"], d["value"]) for d in record["dates"]]


def test_store_events_and_quotes_are_stored_with_participants_and_topics(db):
    """The pipeline's events and quotes stages may not ship yet: a record built here holds both."""
    original = "علی شمخانی با فالح الفیاض دیدار کرد. شمخانی گفت: امنیت منطقه مهم است."
    record = _record(original, events=[{
        "id": "e1", "type": "CONSULT", "mode": "host", "participants": ["ali_shamkhani", "falih_al_fayyadh"],
        "attendees": [], "source": None, "target": None, "date": "2021-05-01", "date_precision": "day",
        "location": "tehran", "planned": False, "topics": ["security"], "quote": None, "summary_en": "Shamkhani met al-Fayyadh",
        "evidence": {"start": 0, "end": 36, "text": original[0:36]},
    }], quotes=[{
        "id": "q1", "speaker": "ali_shamkhani", "speaker_text": "شمخانی", "speaker_kind": "named",
        "speaker_span": {"start": 37, "end": 43, "text": original[37:43]}, "text": original[49:], "start": 49, "end": len(original),
        "cue": "گفت", "cue_span": {"start": 44, "end": 47, "text": original[44:47]}, "direct": True, "topics": ["security", "region"], "stance": None,
    }])
    from rasad.store.write import write_article

    with open_store(db) as store:
        assert write_article(store, "t1", record, {}, None, "test")
        assert not write_article(store, "t1", record, {}, None, "test")  # already there: nothing written
        assert store.query("SELECT role, actor_id FROM event_participants ORDER BY seq") == [("participant", "ali_shamkhani"), ("participant", "falih_al_fayyadh")]
        assert store.query("SELECT topic FROM event_topics") == [("security",)]
        assert store.query("SELECT speaker, start_char, end_char, cue_start FROM quotes") == [("ali_shamkhani", 49, len(original), 44)]
        assert sorted(store.query("SELECT topic FROM quote_topics")) == [("region",), ("security",)]
        # actors named only by events and quotes are there too (from the knowledge base)
        assert store.value("SELECT name FROM actors WHERE id = 'falih_al_fayyadh'")
    assert check(db) == []
    assert [h.id for h in search(db, "امنیت", type="consult")] == ["t1"]
    assert [h.id for h in search(db, "امنیت", topic="region")] == ["t1"]
    assert search(db, "امنیت", topic="economy") == []
    assert search(db, "امنیت", type="DEMAND") == []


def _record(original: str, **parts) -> dict:
    record = {
        "schema": "1", "id": "c1", "source": "test", "language": "fa", "title": None, "title_spans": [], "lead": None,
        "published": None, "outlet": None, "agency": None, "news_code": None, "news_code_span": None, "url": None,
        "text": original, "text_normalized": original, "paragraphs": [{"start": 0, "end": len(original), "language": "fa"}],
        "sentences": [{"start": 0, "end": 36}, {"start": 37, "end": len(original)}], "removed": [], "dates": [],
        "actors": [], "events": [], "quotes": [], "warnings": [], "original": original,
    }
    record.update(parts)
    return record


def test_store_reprocess_rebuilds_derived_rows_and_keeps_every_article(db):
    ingest_paths(db, corpus())
    before = contents(db)
    with open_store(db) as store:
        victim = store.value("SELECT article_id FROM mentions ORDER BY article_id LIMIT 1")
        with store.transaction():
            store.execute("DELETE FROM mentions WHERE article_id = ?", (victim,))
            store.execute("UPDATE articles SET rasad_version = 'old', output = ? WHERE id = ?", ('{"sentences": []}', victim))
    assert check(db)  # the damage is seen
    report = reprocess(db)
    assert report.reprocessed == len(before["articles"]) and report.skipped == []
    assert contents(db) == before
    assert check(db) == []


def test_store_identity_is_the_input_url_else_the_content_hash(db, tmp_path):
    lines = [
        {"title": "خبر یک", "text": "متن نخست خبر درباره دیدار وزیران در تهران.", "url": "https://example.com/a"},
        {"title": "خبر یک", "text": "متن ویرایش شده خبر درباره دیدار وزیران.", "url": "https://example.com/a"},  # same URL: same article
        {"title": "خبر یک", "text": "متن نخست خبر درباره دیدار وزیران در تهران.", "url": "https://example.org/copy"},  # same text, new URL
    ]
    f = tmp_path / "r.jsonl"
    f.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    plain = tmp_path / "p.txt"
    plain.write_text(TEXT, encoding="utf-8")
    report = ingest_paths(db, [str(f), str(plain), str(plain)])
    assert (report.added, report.existing) == (3, 2)
    items = list(read_inputs([str(f), str(plain)]))
    with open_store(db) as store:
        ids = {r[0] for r in store.query("SELECT id FROM articles")}
        assert store.value("SELECT content_hash FROM articles WHERE input_url = 'https://example.com/a'") == items[0].id
    assert ids == {store_id(items[0].id, items[0].url), store_id(items[2].id, items[2].url), items[3].id}
    assert items[3].id in ids  # an input without a URL keeps the id `rasad extract` prints


def test_store_reader_sees_committed_articles_while_a_writer_is_in_a_transaction(tmp_path):
    class Abort(Exception):
        pass

    path = str(tmp_path / "wal.db")
    ingest_paths(path, [str(EXAMPLES)])
    before = contents(path)
    with open_store(path) as writer:
        assert writer.value("PRAGMA journal_mode") == "wal"
        with pytest.raises(Abort):
            with writer.transaction():
                writer.execute("DELETE FROM sentences")
                reader = sqlite3.connect(path, timeout=0.1)  # a reader does not wait for the writer...
                assert reader.execute("SELECT count(*) FROM sentences").fetchone()[0] > 0  # ...and sees committed rows
                reader.close()
                assert search(path, "عراقچی")  # nor does a search (it opens, checks migrations, reads)
                raise Abort
    assert contents(path) == before


def test_store_check_finds_an_article_stored_in_part(db):
    ingest_paths(db, [str(EXAMPLES)])
    assert check(db) == []
    with open_store(db) as store:
        aid = store.value("SELECT article_id FROM mentions ORDER BY article_id, seq LIMIT 1")
        with store.transaction():
            store.execute("DELETE FROM mentions WHERE article_id = ? AND seq = 0", (aid,))
    problems = check(db)
    assert problems and all(aid in p for p in problems)


def test_store_article_tables_all_hang_off_articles():
    assert set(ARTICLE_TABLES) >= {"mentions", "sentences", "dates", "events", "event_participants", "quotes"}


# ------------------------------------------------------------------ errors and the command line


def test_store_bad_locations_are_clean_errors(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="junk.db cannot be opened as a SQLite database"):
        open_store(str(junk))
    with pytest.raises(StoreNotFound, match="rasad ingest"):
        search(str(tmp_path / "missing.db"), "x")
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))
    with pytest.raises(StoreConnectError) as exc:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(exc.value) and "127.0.0.1:1" in str(exc.value) and exc.value.code == "E502"


def test_store_cli_ingest_reports_bad_inputs_and_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\xff" * 50)
    path = str(tmp_path / "cli.db")
    assert main(["ingest", str(empty), str(good), str(binary), "--db", path, "-q"]) == 1
    err = capsys.readouterr().err
    assert f"skipped {empty}: " in err and f"skipped {binary}: " in err
    assert "1 articles added, 0 already stored, 2 inputs skipped" in err
    assert main(["ingest", str(good), "--db", path]) == 0
    assert "0 articles added, 1 already stored, 0 inputs skipped" in capsys.readouterr().err
    assert main(["ingest", "--reprocess", "--db", path, "-q"]) == 0
    assert main(["ingest", "--db", path]) == 2


def test_store_cli_missing_store_is_one_line_not_a_traceback(tmp_path, capsys):
    assert main(["search", "x", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rasad: [E501] no store at") and "Traceback" not in err
    assert not Path(tmp_path / "none.db").exists()


def test_store_bench_reports_every_figure_on_the_examples():
    from rasad.store import bench

    r = bench.run([str(EXAMPLES)], searches=8)
    assert (r["articles"], r["added"], r["stored"], r["skipped_inputs"]) == (5, 5, 5, 0)
    assert r["second_pass_articles_per_s"] is not None  # the second pass found every article stored
    assert r["search"]["queries"] == 8 and r["search"]["p95_ms"] >= r["search"]["p50_ms"] > 0
    assert r["bytes_per_article"] > 1000
    assert "p50" in bench.format_report(r)
