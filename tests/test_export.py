"""Exports: tables as JSON Lines, CSV and Parquet (read back), PLOVER records, and the meeting network as
GEXF and GraphML (parsed as XML, and read by networkx where it is installed). Both backends."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest

from rasad.cli import main
from rasad.export import ExportError, export
from rasad.export.tables import TABLES
from rasad.store import analysis, open_store

from test_cluster import article_id, clustered  # noqa: F401 - clustered: the store fixture

COUNTS = {"articles": "articles", "mentions": "mentions", "events": "events", "quotes": "quotes"}


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _count(location: str, table: str) -> int:
    with open_store(location) as store:
        return store.value(f"SELECT count(*) FROM {table}")


def test_export_jsonl_tables_hold_every_row(clustered, tmp_path):  # noqa: F811
    report = export(clustered, "jsonl", tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"{t}.jsonl" for t in TABLES)
    for table, sql_table in COUNTS.items():
        rows = _jsonl(tmp_path / "out" / f"{table}.jsonl")
        assert len(rows) == _count(clustered, sql_table) == report.files[str(tmp_path / "out" / f"{table}.jsonl")]
        assert all(list(r) == [c.name for c in TABLES[table]] for r in rows)
    events = _jsonl(tmp_path / "out" / "events.jsonl")
    assert all(e["cluster_id"] for e in events)
    meeting = next(e for e in events if e["article_id"] == article_id("fa_araghchi_hussein.txt") and e["type"] == "CONSULT")
    assert meeting["participants"] == ["abbas_araghchi", "fuad_hussein"] and meeting["planned"] is False
    clusters = _jsonl(tmp_path / "out" / "clusters.jsonl")
    assert len(clusters) == _count(clustered, "clusters")
    assert any(c["kind"] == "duplicates" and len(c["items"]) == 2 for c in clusters)
    actors = {a["id"]: a for a in _jsonl(tmp_path / "out" / "actors.jsonl")}
    assert actors["abbas_araghchi"]["name_en"] == "Abbas Araghchi" and actors["abbas_araghchi"]["articles"] == 3


def test_export_csv_headers_and_lists(clustered, tmp_path):  # noqa: F811
    export(clustered, "csv", tmp_path)
    for table, columns in TABLES.items():
        with open(tmp_path / f"{table}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == [c.name for c in columns]
        if table in COUNTS:
            assert len(rows) - 1 == _count(clustered, table)
    with open(tmp_path / "events.csv", encoding="utf-8", newline="") as f:
        events = list(csv.DictReader(f))
    assert "abbas_araghchi; fuad_hussein" in {e["participants"] for e in events}
    assert {e["planned"] for e in events} <= {"true", "false"}


def test_export_parquet_reads_back_as_the_jsonl_rows(clustered, tmp_path):  # noqa: F811
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet needs pyarrow (pip install 'rasad[export]')")
    export(clustered, "parquet", tmp_path / "pq")
    export(clustered, "jsonl", tmp_path / "js")
    for table, columns in TABLES.items():
        read = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert read.schema.names == [c.name for c in columns]
        assert read.to_pylist() == _jsonl(tmp_path / "js" / f"{table}.jsonl"), table


def test_export_tables_keep_the_articles_of_a_date_range(clustered, tmp_path):  # noqa: F811
    export(clustered, "jsonl", tmp_path, date_from="2024-12", date_to="2024-12-02")
    articles = _jsonl(tmp_path / "articles.jsonl")
    assert articles and all("2024-12-01" <= a["published_date"] <= "2024-12-02" for a in articles)
    ids = {a["id"] for a in articles}
    assert all(e["article_id"] in ids for e in _jsonl(tmp_path / "events.jsonl"))
    assert all(m["article_id"] in ids for m in _jsonl(tmp_path / "mentions.jsonl"))
    named = {m["actor_id"] for m in _jsonl(tmp_path / "mentions.jsonl")}
    assert named <= {a["id"] for a in _jsonl(tmp_path / "actors.jsonl")} and "abbas_araghchi" not in named


def test_export_plover_records(clustered, tmp_path):  # noqa: F811
    export(clustered, "plover", tmp_path)
    records = _jsonl(tmp_path / "plover.jsonl")
    assert len(records) == _count(clustered, "events") == len({r["id"] for r in records})
    for r in records:
        assert {"id", "date", "actor", "event", "mode", "context", "quad_code", "event_text", "cite_info", "link"} <= set(r)
        assert isinstance(r["event"], list) and len(r["event"]) == 1 and r["quad_code"] in (1, 2, 3, 4)
        assert all({"code", "identifier_id", "identifier_text"} <= set(e) for e in r["actor"] + r["recipient"])
    fa = next(r for r in records if r["article_id"] == article_id("fa_araghchi_hussein.txt") and r["event"] == ["CONSULT"])
    ar = next(r for r in records if r["article_id"] == article_id("ar_araghchi_hussein.txt") and r["event"] == ["CONSULT"])
    assert fa["link"] == ar["link"] and fa["reports"] == 2  # one event, two reports
    assert {e["identifier_text"] for e in fa["actor"]} == {"Abbas Araghchi", "Fuad Hussein"} and fa["recipient"] == []  # nobody hosts
    assert fa["event_loc"]["resolved_place"] == "Tehran" and fa["date"] == "2024-10-16" and fa["quad_code"] == 1
    call = next(r for r in records if r["rasad_mode"] == "phone")
    assert call["mode"] == ["phone"]
    statement = next(r for r in records if r["event"] == ["SUPPORT"])
    assert len(statement["actor"]) == 1 and statement["text_info"]["text"] == statement["event_text"][0]
    export(clustered, "plover", tmp_path / "all.json")
    assert json.loads((tmp_path / "all.json").read_text(encoding="utf-8")) == records


def test_export_plover_host_and_visit_follow_the_manual():
    from rasad.export.plover import _sides

    assert _sides("CONSULT", "host", ["host", "guest"], None, None) == (["guest"], ["host"], ["visit"])  # the visitor is the actor
    assert _sides("CONSULT", "visit", ["visitor", "host"], None, None) == (["visitor"], ["host"], ["visit"])
    assert _sides("CONSULT", "meet", ["a", "b"], None, None) == (["a", "b"], [], [])
    assert _sides("DEMAND", None, [], "a", "b") == (["a"], ["b"], [])


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_network_xml(clustered, tmp_path, fmt):  # noqa: F811
    out = tmp_path / f"net.{fmt}"
    export(clustered, fmt, out)
    net = analysis.network(clustered)
    root = ET.parse(out).getroot()
    ns = {"g": "http://gexf.net/1.3"} if fmt == "gexf" else {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes, edges = root.findall(".//g:node", ns), root.findall(".//g:edge", ns)
    assert len(nodes) == len(net["nodes"]) and len(edges) == len(net["edges"]) > 0
    assert {n.get("id") for n in nodes} == {n["id"] for n in net["nodes"]}
    nx = pytest.importorskip("networkx")
    g = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    assert g.number_of_nodes() == len(net["nodes"]) and g.number_of_edges() == len(net["edges"])
    assert g["masoud_pezeshkian"]["mohammed_shia_al_sudani"]["weight"] == 2.0
    label = g.nodes["abbas_araghchi"].get("label")
    assert label == "Abbas Araghchi" and g.nodes["abbas_araghchi"]["country"] == "IRN"


def test_export_network_into_a_folder_and_a_date_range(clustered, tmp_path):  # noqa: F811
    report = export(clustered, "gexf", tmp_path / "folder", date_from="2024-12")
    path = tmp_path / "folder" / "network.gexf"
    assert list(report.files) == [str(path)]
    ids = {n.get("id") for n in ET.parse(path).getroot().iter("{http://gexf.net/1.3}node")}
    assert ids == {"masoud_pezeshkian", "mohammed_shia_al_sudani"}


def test_export_errors_say_what_to_do(clustered, tmp_path):  # noqa: F811
    with pytest.raises(ExportError, match="choose one of"):
        export(clustered, "xlsx", tmp_path)
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="give a folder"):
        export(clustered, "csv", tmp_path / "file.txt")
    with pytest.raises(ExportError, match="does not exist"):
        export(clustered, "plover", tmp_path / "missing" / "p.jsonl")


def test_export_cli(clustered, tmp_path, capsys):  # noqa: F811
    assert main(["export", "--db", clustered, "--format", "csv", "--out", str(tmp_path / "csv")]) == 0
    err = capsys.readouterr().err
    assert err.count("rasad: wrote") == len(TABLES) and "events.csv" in err
    assert main(["export", "--db", clustered, "--format", "graphml", "--out", str(tmp_path / "n.graphml"), "--from", "2024", "-q"]) == 0
    assert capsys.readouterr().err == "" and (tmp_path / "n.graphml").exists()
    assert main(["export", "--db", clustered, "--format", "csv", "--out", str(tmp_path / "n.graphml")]) == 1
    assert "give a folder" in capsys.readouterr().err
    assert not list(tmp_path.glob("**/.*.part"))  # nothing half-written is left behind
