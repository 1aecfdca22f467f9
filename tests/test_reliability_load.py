"""Load: `rasad serve` on loopback under concurrent clients (search, article pages and their JSON twins,
POST /api/extract): no errors, no memory growth, and median / 95th-percentile latency per endpoint.

The driver is rasad.api.load (the same code `rasad bench --serve` prints figures with). The test starts a
server on a free port over a store of the examples. RASAD_LOAD_SECONDS (default 4) and RASAD_LOAD_CLIENTS
(default 8) size the run; CI gives it 20 s. Speed is printed, never asserted.
"""

from __future__ import annotations

import json
import os

import pytest

from rasad.api.load import ServerFailed, Tally, format_report, latency_report, measure, serving
from rasad.store import ingest_paths

from rasad.cli import main

from conftest import CORPORA, EXAMPLES, SEEDS, need

LOAD_SECONDS = float(os.environ.get("RASAD_LOAD_SECONDS", "4"))
LOAD_CLIENTS = int(os.environ.get("RASAD_LOAD_CLIENTS", "8"))
RSS_MARGIN_BYTES = 32 * 1024 * 1024  # allocator noise and caches filled after the warm-up
RSS_MARGIN_RATIO = 0.10


# ------------------------------------------------------------------ the test


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`rasad serve` over a store of the examples (and the seeds, when ../shared is here), on a free port."""
    folder = tmp_path_factory.mktemp("load")
    db = str(folder / "load.db")
    report = ingest_paths(db, [str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.exists() else []))
    assert report.added >= 5
    try:
        with serving(db, folder / "serve.log") as (base_url, pid):
            yield base_url, pid, folder / "serve.log"
    except ServerFailed as exc:
        pytest.fail(str(exc))


def test_reliability_load_serve_answers_every_request_without_growing(server):
    base_url, pid, log = server
    report = measure(base_url, clients=LOAD_CLIENTS, seconds=LOAD_SECONDS, warmup_s=min(3.0, LOAD_SECONDS), pid=pid)
    print("\n" + format_report(report))
    assert report["failures"] == [], f"{len(report['failures'])} failed requests, first: {report['failures'][:5]}; log: {log}"
    endpoints = report["endpoints"]
    assert set(endpoints) == {"GET /api/search", "GET /articles/{id}", "GET /api/articles/{id}", "POST /api/extract"}
    assert all(f["requests"] >= 2 and f["p95_ms"] >= f["p50_ms"] > 0 for f in endpoints.values()), endpoints
    allowed = report["rss_start"] * (1 + RSS_MARGIN_RATIO) + RSS_MARGIN_BYTES
    assert report["rss_end"] <= allowed, (
        f"the server grew from {report['rss_start'] / 2**20:.1f} MB to {report['rss_end'] / 2**20:.1f} MB "
        f"over {sum(f['requests'] for f in endpoints.values())} requests"
    )


def test_reliability_load_report_percentiles():
    tally = Tally()
    for ms in range(1, 101):  # 1..100 ms
        tally.add("GET /x", ms / 1000, None)
    tally.add("GET /x", 0.5, "500 for /x")
    f = latency_report(tally, 10.0)["GET /x"]
    assert (f["requests"], f["errors"], f["p50_ms"], f["p95_ms"], f["max_ms"], f["per_s"]) == (101, 1, 51.0, 96.0, 500.0, 10.1)


def test_reliability_load_bench_reports_latency_of_a_running_server(server, capsys):
    """`rasad bench --serve-url` prints the median and 95th percentile per endpoint (the figures the
    issue asks `rasad bench` for); `--serve` does the same over a server it starts itself."""
    base_url, _, _ = server
    need(CORPORA)
    code = main(["bench", "--limit", "3", "--stages", "layout", "--serve-url", base_url, "--clients", "2", "--seconds", "1", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)["serve"]
    assert report["failures"] == []
    assert set(report["endpoints"]) == {"GET /api/search", "GET /articles/{id}", "GET /api/articles/{id}", "POST /api/extract"}
    assert all(f["requests"] >= 1 and f["p95_ms"] >= f["p50_ms"] > 0 for f in report["endpoints"].values())


def test_reliability_load_bench_starts_its_own_server(capsys):
    need(CORPORA)
    code = main(["bench", "--limit", "4", "--stages", "layout", "--serve", "--clients", "2", "--seconds", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "load: 2 clients for 1 s" in out and "server memory" in out
    for endpoint in ("GET /api/search", "POST /api/extract"):
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(endpoint))
        assert "p50" in line and "p95" in line and line.rstrip().endswith("errors 0")
