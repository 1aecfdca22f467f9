"""Questions analysts ask (rasad.store.analysis) on a small store built here: an actor's record, who met
whom, what was said about a topic, the lists the pages use, and the readable views. Both backends."""

from __future__ import annotations

import json

import pytest

from rasad.cli import main
from rasad.store import analysis, open_store
from rasad.store.errors import SearchError, UnknownActor
from rasad.store.rows import record_of

from test_cluster import EXAMPLES, FIXTURES, article_id, clustered  # noqa: F401 - clustered: the store fixture

ARAGHCHI, HUSSEIN = "abbas_araghchi", "fuad_hussein"
PEZESHKIAN, SUDANI = "masoud_pezeshkian", "mohammed_shia_al_sudani"


@pytest.mark.parametrize("name", [ARAGHCHI, "Abbas Araghchi", "Araghchi", "عباس عراقچی", "عراقجي"])
def test_analysis_actor_record_by_any_name(clustered, name):  # noqa: F811
    r = analysis.actor_record(clustered, name)
    assert r["actor"]["id"] == ARAGHCHI and r["actor"]["name"]["en"] == "Abbas Araghchi" and r["actor"]["country"] == "IRN"
    assert any(o["kind"] == "foreign_minister" and o["start"] == "2024-08" and o["end"] is None for o in r["actor"]["offices"])
    assert r["articles"] == 3


def test_analysis_actor_record_meetings_are_one_per_meeting_with_counterparts(clustered):  # noqa: F811
    r = analysis.actor_record(clustered, ARAGHCHI)
    tehran, call = r["meetings"]  # dated first, the undated phone call last
    assert (tehran["date"], tehran["mode"], tehran["location_name"], tehran["reports"]) == ("2024-10-16", "meet", "Tehran", 2)
    assert tehran["counterparts"] == [{"id": HUSSEIN, "name": "Fuad Hussein"}]
    assert sorted(tehran["articles"]) == sorted([article_id("fa_araghchi_hussein.txt"), article_id("ar_araghchi_hussein.txt")])
    assert call["mode"] == "phone" and call["counterparts"][0]["id"] == "sergey_lavrov" and call["date"] is None


def test_analysis_actor_record_quotes_by_topic_and_stance(clustered):  # noqa: F811
    r = analysis.actor_record(clustered, ARAGHCHI)
    assert r["quotes_by_topic"]["foreign_forces"] == {"for": 0, "against": 2, "neutral": 0, "unknown": 0}  # said in fa and in ar
    assert {q["language"] for q in r["quotes"]} == {"fa", "ar"}
    assert all(set(q) >= {"quote_id", "article_id", "date", "language", "text", "topics", "stance"} for q in r["quotes"])


def test_analysis_a_quote_repeated_by_a_near_duplicate_counts_once(clustered):  # noqa: F811
    r = analysis.actor_record(clustered, "Masoud Pezeshkian")
    ready = [q for q in r["quotes"] if q["text"].startswith("جمهوری اسلامی ایران آماده است")]
    assert len(ready) == 1 and len(ready[0]["articles"]) == 2  # IRNA and Mehr's copy
    meeting, call = r["meetings"]
    assert (meeting["date"], len(meeting["articles"]), meeting["reports"]) == ("2024-12-02", 3, 2)
    assert (call["date"], call["mode"]) == ("2024-12-20", "phone")


def test_analysis_network_between_two_dates(clustered):  # noqa: F811
    net = analysis.network(clustered, "2024-12", "2024-12-31")
    assert [(e["source"], e["target"], e["weight"], e["first"], e["last"]) for e in net["edges"]] == [(PEZESHKIAN, SUDANI, 2, "2024-12-02", "2024-12-20")]
    assert {n["id"]: (n["label"], n["country"], n["degree"]) for n in net["nodes"]} == {
        PEZESHKIAN: ("Masoud Pezeshkian", "IRN", 1), SUDANI: ("Mohammed Shia al-Sudani", "IRQ", 1)}
    assert len(net["edges"][0]["events"]) == 2  # the meeting (three reports) once, and the call


def test_analysis_network_by_country_and_weight(clustered):  # noqa: F811
    everyone = analysis.network(clustered)
    pairs = {(e["source"], e["target"]) for e in everyone["edges"]}
    assert {(ARAGHCHI, HUSSEIN), (ARAGHCHI, "sergey_lavrov"), (PEZESHKIAN, SUDANI)} <= pairs
    iraq = analysis.network(clustered, country="Iraq")
    assert {(e["source"], e["target"]) for e in iraq["edges"]} == {p for p in pairs if "sergey_lavrov" not in p}
    assert analysis.network(clustered, country="RUS")["edges"] == [next(e for e in everyone["edges"] if "sergey_lavrov" in (e["source"], e["target"]))]
    assert [(e["source"], e["target"]) for e in analysis.network(clustered, min_weight=2)["edges"]] == [(PEZESHKIAN, SUDANI)]
    with pytest.raises(SearchError, match="unknown country"):
        analysis.network(clustered, country="Atlantis")


def test_analysis_said_about_a_topic(clustered):  # noqa: F811
    said = analysis.said_about(clustered, "foreign_forces")
    assert said["topic"]["id"] == "foreign_forces"
    assert said["by_speaker"][ARAGHCHI] == {"name": "Abbas Araghchi", "quotes": 2, "for": 0, "against": 2, "neutral": 0, "unknown": 0}
    assert said["by_language"] == {"ar": 1, "fa": 1} and said["by_month"] == {"2024-10": 2}
    assert all("foreign_forces" in q["topics"] and q["speaker_name"] for q in said["quotes"])
    assert [q["language"] for q in analysis.said_about(clustered, "foreign_forces", language="fa")["quotes"]] == ["fa"]
    assert analysis.said_about(clustered, "foreign forces in Iraq and the region")["quotes"] == said["quotes"]  # the English label
    assert analysis.said_about(clustered, "foreign_forces", date_from="2025")["quotes"] == []
    with pytest.raises(SearchError, match="unknown topic"):
        analysis.said_about(clustered, "weather")


def test_analysis_lists_for_pages(clustered):  # noqa: F811
    events = analysis.list_events(clustered, type="consult", actor="Pezeshkian")
    assert [e["date"] for e in events] == ["2024-12-20", "2024-12-02", "2024-12-02", "2024-12-02"]  # newest first
    assert all({p["id"] for p in e["participants"]} == {PEZESHKIAN, SUDANI} for e in events)
    assert len({e["cluster_id"] for e in events[1:]}) == 1 and events[1]["reports"] == 2
    assert analysis.list_events(clustered, type="CONSULT", limit=2, offset=1)[0] == analysis.list_events(clustered, type="CONSULT")[1]
    assert analysis.list_events(clustered, date_from="2024-12-03", date_to="2024-12-31", type="CONSULT")[0]["date"] == "2024-12-20"
    quotes = analysis.list_quotes(clustered, speaker="Araghchi", topic="foreign_forces")
    assert len(quotes) == 2 and all(q["speaker"] == ARAGHCHI for q in quotes)
    dups = analysis.list_clusters(clustered, "duplicates")
    assert len(dups) == 1 and {m["article_id"] for m in dups[0]["items"]} == {article_id("fa_pezeshkian_sudani_irna.txt"), article_id("fa_pezeshkian_sudani_mehr.txt")}
    events_clusters = analysis.list_clusters(clustered, "events")
    assert events_clusters and all(c["members"] >= 2 for c in events_clusters)
    assert len(analysis.list_clusters(clustered, "events", min_members=1)) > len(events_clusters)
    with pytest.raises(SearchError):
        analysis.list_clusters(clustered, "topics")


def test_analysis_get_article_gives_the_stored_record(clustered):  # noqa: F811
    aid = article_id("fa_araghchi_hussein.txt")
    record = analysis.get_article(clustered, aid)
    with open_store(clustered) as store:
        original, output = store.execute("SELECT original, output FROM articles WHERE id = ?", (aid,)).fetchone()
    assert record == record_of(original, json.loads(output) if isinstance(output, str) else output)
    assert record["original"].startswith("عراقچی") and record["events"]
    assert analysis.get_article(clustered, "0000000000000000") is None
    json.dumps(record)


def test_analysis_results_are_plain_json(clustered):  # noqa: F811
    for value in (analysis.actor_record(clustered, ARAGHCHI), analysis.network(clustered), analysis.said_about(clustered, "economy_trade"),
                  analysis.list_events(clustered), analysis.list_quotes(clustered), analysis.list_clusters(clustered)):
        assert json.loads(json.dumps(value)) == value


def test_analysis_unknown_actor_says_what_to_do(clustered):  # noqa: F811
    with pytest.raises(UnknownActor, match="rasad search"):
        analysis.actor_record(clustered, "Nobody Atall")


def test_analysis_views_exist_and_read_well(clustered):  # noqa: F811
    with open_store(clustered) as store:
        for view in ("v_articles", "v_events", "v_quotes", "v_actor_mentions", "v_clusters"):
            assert store.value(f"SELECT count(*) FROM {view}") > 0, view
        row = store.execute(
            "SELECT date, type, mode, participants, location, summary_en, article_title, independent_reports FROM v_events "
            "WHERE article_id = ? AND type = 'CONSULT'", (article_id("ar_araghchi_hussein.txt"),)
        ).fetchone()
        assert tuple(row[:5]) == ("2024-10-16", "CONSULT", "meet", "Fuad Hussein; Abbas Araghchi", "Tehran")
        assert row[5].startswith("2024-10-16, Tehran") and row[6].startswith("حسين وعراقجي") and row[7] == 2
        speakers = {r[0] for r in store.query("SELECT speaker FROM v_quotes WHERE topics LIKE ?", ("%foreign_forces%",))}
        assert "Abbas Araghchi" in speakers
        mention = store.execute("SELECT actor, mention, sentence FROM v_actor_mentions WHERE actor_id = ? AND article_id = ?", (HUSSEIN, article_id("ar_araghchi_hussein.txt"))).fetchone()
        assert mention[0] == "Fuad Hussein" and mention[1] in mention[2]


def test_analysis_cli_commands(clustered, capsys):  # noqa: F811
    assert main(["actor", "Abbas Araghchi", "--db", clustered]) == 0
    out = capsys.readouterr().out
    assert "Minister of Foreign Affairs of Iran" in out and "Fuad Hussein" in out and "foreign_forces" in out
    assert main(["actor", ARAGHCHI, "--db", clustered, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["actor"]["id"] == ARAGHCHI
    assert main(["network", "--db", clustered, "--from", "2024-12", "--to", "2024-12", "--country", "IRQ"]) == 0
    assert "Masoud Pezeshkian — Mohammed Shia al-Sudani" in capsys.readouterr().out
    assert main(["network", "--db", clustered, "--min-weight", "2", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["edges"]) == 1
    assert main(["said", "foreign_forces", "--db", clustered, "--lang", "ar"]) == 0
    out = capsys.readouterr().out
    assert "Abbas Araghchi" in out and "by month" in out
    assert main(["said", "foreign_forces", "--db", clustered, "--from", "2024-10", "--to", "2024-10-31", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["quotes"]) == 2
    assert main(["actor", "Nobody Atall", "--db", clustered]) == 1
    assert "no actor is called" in capsys.readouterr().err
