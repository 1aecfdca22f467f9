"""Search: across the two scripts, by actor in any spelling, with filters, offsets into the original,
query text that is never read as syntax, and the command line's text and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.actors.kb import load_kb
from rasad.cli import main
from rasad.store import ingest_paths, open_store, search
from rasad.store.errors import AmbiguousActor, SearchError, UnknownActor
from rasad.store.query import fts5_query, parse_query, resolve_actor, tsquery
from rasad.text.keys import match_key

from conftest import EXAMPLES, SEEDS, need
from test_store import BACKENDS, corpus, db, new_location  # noqa: F401 - db: the two-backend fixture

SHAMKHANI = "ali_shamkhani"


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request, tmp_path_factory):
    """One store per backend holding the seeds and the examples, shared by the read-only tests here."""
    need(SEEDS)
    with new_location(request.param, tmp_path_factory.mktemp("seeded")) as location:
        report = ingest_paths(location, corpus())
        assert report.skipped == []
        yield location


def _seed(hit) -> str:
    """'002' for a hit on shared/seeds/002_....txt."""
    return Path(hit.source).name[:3]


def _names_shamkhani(path: Path) -> bool:
    entry = load_kb().entries[SHAMKHANI]
    keys = {match_key(n) for n in entry.all_names()}
    text = match_key(path.read_text(encoding="utf-8"))
    return any(k in text for k in keys)


def test_store_search_persian_letters_find_both_arabic_seeds(seeded):
    hits = search(seeded, "شمخانی")  # Persian yeh and kaf
    assert {"002", "003"} <= {_seed(h) for h in hits}
    seed_002 = next(h for h in hits if _seed(h) == "002")
    assert any("شمخاني" in m.text for m in seed_002.matches)  # the text itself has the Arabic yeh
    assert {_seed(h) for h in search(seeded, "شمخاني")} == {_seed(h) for h in hits}  # and the reverse


@pytest.mark.parametrize("actor", [SHAMKHANI, "Ali Shamkhani", "علي شمخاني", "علی شمخانی", "شمخانى"])
def test_store_search_by_actor_finds_every_seed_that_names_him(seeded, actor):
    expected = {p.name[:3] for p in sorted(SEEDS.glob("*.txt")) if _names_shamkhani(p)}
    assert expected >= {"002", "003"}
    hits = search(seeded, actor=actor)
    assert {_seed(h) for h in hits} == expected
    assert {_seed(h) for h in search(seeded, actor)} >= expected  # the actor as the query, too
    for h in hits:
        assert h.matches and all(m.kind in ("sentence", "title", "mention") for m in h.matches)


def test_store_search_spans_point_into_the_original(seeded):
    with open_store(seeded) as store:
        originals = dict(store.query("SELECT id, original FROM articles"))
    hits = search(seeded, "العراق", limit=50) + search(seeded, actor="iran", limit=50)
    assert hits
    for h in hits:
        for m in h.matches:
            assert originals[h.id][m.start : m.end] == m.text
            assert m.end > m.start


def test_store_search_filters(seeded):
    all_hits = search(seeded, "ایران", limit=100)
    assert {h.language for h in all_hits} == {"fa", "ar"}
    assert {h.language for h in search(seeded, "ایران", lang="ar", limit=100)} == {"ar"}
    dated = [h for h in all_hits if h.published]
    assert [h.published for h in dated] == sorted((h.published for h in dated), reverse=True)  # newest first
    day = dated[0].published
    in_range = search(seeded, "ایران", date_from=day, date_to=day, limit=100)
    assert in_range and all(h.published == day for h in in_range)
    assert all(h.published and h.published >= day[:4] for h in search(seeded, "ایران", date_from=day[:4], limit=100))
    outlet = next(h.outlet for h in all_hits if h.outlet)
    assert {h.outlet for h in search(seeded, "ایران", outlet=outlet, limit=100)} >= {outlet}
    assert len(search(seeded, "ایران", limit=1)) == 1


def test_store_search_words_phrases_and_prefixes(seeded):
    both = {h.id for h in search(seeded, "شمخاني القوات")}
    phrase = {h.id for h in search(seeded, '"القوات الأجنبية"')}
    assert phrase and phrase <= {h.id for h in search(seeded, "القوات")}
    assert both
    assert search(seeded, "شمخا") == []  # a whole word only...
    assert {_seed(h) for h in search(seeded, "شمخا*")} >= {"002", "003"}  # ...unless it ends with *
    assert search(seeded, "کلمهایکههرگزنیست") == []


@pytest.mark.parametrize("query", ['"', "*", 'NEAR(a b)', "OR", "a AND", "x' OR '1'='1", "-شمخانی", "شمخانی)", "'; DROP TABLE articles; --"])
def test_store_search_query_text_is_never_syntax(seeded, query):
    try:
        search(seeded, query)
    except SearchError as exc:
        assert exc.code in ("E510",) and "no words" in str(exc)
    with open_store(seeded) as store:
        assert store.value("SELECT count(*) FROM articles") > 0


@pytest.mark.parametrize("field", ["outlet", "topic", "type", "lang"])
def test_store_search_filter_values_are_never_sql(seeded, field):
    value = "x' OR '1'='1"
    if field == "lang":
        with pytest.raises(SearchError):
            search(seeded, "ایران", lang=value)
    else:
        assert search(seeded, "ایران", **{field: value}) == []


def test_store_search_errors_say_what_to_do(seeded):
    with pytest.raises(UnknownActor, match="no actor is called"):
        search(seeded, actor="Nobody Atall")
    with pytest.raises(SearchError, match="YYYY-MM-DD"):
        search(seeded, "ایران", date_from="15/11/2020")
    with pytest.raises(SearchError, match="not a day"):
        search(seeded, "ایران", date_to="2020-02-30")
    with pytest.raises(SearchError, match="--limit"):
        search(seeded, "ایران", limit=0)
    with pytest.raises(SearchError, match="QUERY"):
        search(seeded)
    ambiguous = next(k for k, refs in load_kb().names.items() if len({r.entry_id for r in refs if not r.adjective}) > 1)
    with pytest.raises(AmbiguousActor, match="more than one actor"):
        search(seeded, actor=ambiguous)


def test_store_resolve_actor_by_id_name_and_provisional_key(db):  # noqa: F811
    with open_store(db) as store:
        assert resolve_actor(store, SHAMKHANI) == [SHAMKHANI]
        assert resolve_actor(store, "Ali Shamkhani") == [SHAMKHANI]
        assert resolve_actor(store, "شمخاني") == [SHAMKHANI]
        assert resolve_actor(store, "   ") == []
        with store.transaction():
            store.execute("INSERT INTO actors (id, type, name, in_kb) VALUES ('new:PER:زید_عمرو', 'PER', 'زید عمرو', ?)", (False,))
        assert resolve_actor(store, "زيد عمرو") == ["new:PER:زید_عمرو"]


def test_store_query_parsing_folds_and_quotes():
    terms = parse_query('شمخاني "القوات الأجنبية" ولای*')
    assert [t.words for t in terms] == [(match_key("شمخاني"),), tuple(match_key("القوات الأجنبية").split()), (match_key("ولای"),)]
    assert [t.prefix for t in terms] == [False, False, True]
    assert fts5_query(terms).count('"') == 6 and fts5_query(terms).endswith("*")
    assert " <-> " in tsquery(terms) and tsquery(terms).endswith(":*")
    assert parse_query("؟!،") == []


def test_store_cli_search_prints_json_and_text(seeded, capsys):
    assert main(["search", "شمخانی", "--db", seeded, "--lang", "ar", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert {Path(r["source"]).name[:3] for r in records} >= {"002", "003"}
    for r in records:
        assert {"id", "source", "title", "matches"} <= set(r)
        assert all({"start", "end", "text"} <= set(m) for m in r["matches"])
    assert main(["search", "--actor", "Ali Shamkhani", "--db", seeded, "--limit", "1"]) == 0
    out, err = capsys.readouterr()
    assert out.count("\n  [") >= 1 and "1 article(s)" in err
    assert main(["search", "--actor", "Nobody Atall", "--db", seeded]) == 1
    assert "[E511]" in capsys.readouterr().err
    assert main(["search", "x", "--db", seeded, "--from", "yesterday"]) == 1


def test_store_search_examples_without_seeds(db):  # noqa: F811
    """Runs where ../shared is absent: Araghchi in the Arabic and Persian examples, by one spelling."""
    ingest_paths(db, [str(EXAMPLES)])
    hits = search(db, "عراقچی")
    assert {h.language for h in hits} == {"fa", "ar"}
    assert {h.id for h in search(db, actor="abbas_araghchi")} == {h.id for h in hits} | {h.id for h in search(db, actor="Abbas Araghchi")}
