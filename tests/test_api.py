"""The HTTP API (rasad.api) through FastAPI's TestClient, on a store built here from examples/ (and the shared
seeds when present) plus one hostile article: pagination, filters, the one error shape for every status,
request size limits, the write token, SQL injection through every parameter, path traversal."""

from __future__ import annotations

import json
import sqlite3
import urllib.parse
import warnings
from pathlib import Path

import anyio
import pytest

from conftest import EXAMPLES, SEEDS

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx versions
    from fastapi.testclient import TestClient

from rasad.api import create_app
from rasad.api.limits import Limits

TOKEN = "test-token-0123456789-abcdef"
# a hostile article: script and HTML payloads in its text, title, URL, source and in an actor's id and names
HOSTILE_TITLE = "<script>window.__xss='title'</script><img src=x onerror=\"window.__xss='title-img'\"> بیانیه تست"
HOSTILE_SPEAKER = '<b onmouseover="window.__xss=1">رضا</b>'
HOSTILE_QUOTE = "<script>alert('quote')</script> ما آماده همکاری با همه کشورهای منطقه هستیم"
HOSTILE_BODY = [
    f"به گزارش خبرگزاری فارس، {HOSTILE_SPEAKER} امروز در تهران گفت: «{HOSTILE_QUOTE}».",
    "متن دوم <a href=\"javascript:window.__xss=2\">پیوند</a> و <img src=x onerror=alert(document.domain)> و <svg onload=alert(3)></svg> بود.",
]
HOSTILE_ACTOR = 'new:PER:x"><svg onload=alert(6)>'
HOSTILE_NAME = {"en": "<img src=x onerror=\"window.__xss='name'\">", "fa": "<script>window.__xss='fa'</script>", "ar": '"><svg onload=alert(7)>'}
HOSTILE_SUMMARY = "<script>window.__xss='summary'</script> met <img src=x onerror=alert(8)>"
HOSTILE_URL = "javascript:window.__xss='url'"
SQL_PAYLOADS = [
    "' OR '1'='1",
    "1' OR 1=1 --",
    "'; DROP TABLE articles; --",
    "\" OR \"\"=\"",
    "1; SELECT * FROM articles",
    "' UNION SELECT original, output, record, id, id, id, id, id, id FROM articles --",
    "%' OR 1=1 --",
    "*",
    "\\",
    "NEAR(a b)",
    "عراقچی' OR 1=1 --",
]


# ------------------------------------------------------------------ the store the tests share


def hostile_record(pipeline) -> dict:
    """An extract record made by the pipeline from a text full of payloads, with a hostile provisional actor
    (speaker of a quote, participant in a meeting) whose id and names are payloads too."""
    from rasad.ingest.readers import from_record
    from rasad.serialize import to_dict

    article = from_record({"title": HOSTILE_TITLE, "paragraphs": HOSTILE_BODY, "url": HOSTILE_URL}, "<img src=x onerror=alert(5)>.json")
    record = to_dict(pipeline(article))
    original = record["original"]
    s = original.index(HOSTILE_SPEAKER)
    q = original.index(HOSTILE_QUOTE)
    mention = {"start": s, "end": s + len(HOSTILE_SPEAKER), "text": HOSTILE_SPEAKER, "kind": "name"}
    record["actors"].append({
        "id": HOSTILE_ACTOR, "type": "PER", "name": HOSTILE_NAME, "in_kb": False, "country": "IRN", "role": None,
        "wikidata": None, "mentions": [mention],
    })
    quote_id = f"{record['id']}:qx"
    record["quotes"].append({
        "id": quote_id, "speaker": HOSTILE_ACTOR, "speaker_text": HOSTILE_SPEAKER, "speaker_kind": "named",
        "speaker_span": {k: mention[k] for k in ("start", "end", "text")}, "text": HOSTILE_QUOTE, "start": q, "end": q + len(HOSTILE_QUOTE),
        "cue": "گفت", "cue_span": None, "direct": True, "topics": ["regional_security"], "stance": "for",
    })
    sentence = original.index(HOSTILE_BODY[0])
    record["events"].append({
        "id": f"{record['id']}:ex", "type": "CONSULT", "mode": "meet", "participants": [HOSTILE_ACTOR, "abbas_araghchi"], "attendees": [],
        "source": None, "target": None, "date": "2024-10-20", "date_precision": "day", "location": "tehran", "planned": False,
        "topics": [], "quote": None, "summary_en": HOSTILE_SUMMARY,
        "evidence": {"start": sentence, "end": sentence + len(HOSTILE_BODY[0]), "text": HOSTILE_BODY[0]},
    })
    return record


def build_store(path: Path, pipeline) -> dict:
    """Examples (and the shared seeds when present) ingested into ``path``, plus the hostile article.
    Returns the ids the tests look for."""
    import rasad
    from rasad.ingest.readers import read_inputs
    from rasad.store import ingest, open_store
    from rasad.store.rows import store_id
    from rasad.store.write import write_article

    inputs = [str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.exists() else [])
    report = ingest(str(path), read_inputs(inputs), pipeline)
    assert report.added >= 5 and not report.skipped, report
    record = hostile_record(pipeline)
    aid = store_id(record["id"], HOSTILE_URL)
    with open_store(str(path)) as store:
        assert write_article(store, aid, record, {"url": HOSTILE_URL}, HOSTILE_URL, rasad.__version__)
    return {"hostile": aid, "hostile_actor": HOSTILE_ACTOR, "seeds": SEEDS.exists()}


@pytest.fixture(scope="module")
def built(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("api") / "api.db"
    ids = build_store(db, pipeline)
    return db, ids


@pytest.fixture(scope="module")
def client(built):
    db, _ = built
    with TestClient(create_app(db, pipeline=None), raise_server_exceptions=False) as c:
        yield c


def snapshot(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'sentence_fts%'")]
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        con.close()


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The one error shape: {"error": {"code", "message", "detail"}}, JSON, with the status given."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert isinstance(body["error"]["message"], str) and len(body["error"]["message"]) > 10
    if code:
        assert body["error"]["code"] == code, body
    return body["error"]


# ------------------------------------------------------------------ reads


def test_api_index_lists_endpoints_counts_and_read_only(client):
    body = client.get("/api").json()
    assert body["read_only"] is True
    assert body["counts"]["articles"] >= 6
    assert "/api/search?q=" in body["endpoints"].values()


def test_api_openapi_describes_every_route_and_no_cdn_docs(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/search", "/api/actors/{actor}", "/api/events", "/api/quotes",
                 "/api/clusters", "/api/network", "/api/export/articles.jsonl", "/api/extract", "/api/ingest"):
        assert path in spec["paths"], path
    assert "requestBody" in spec["paths"]["/api/ingest"]["post"]
    assert {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]} >= {"q", "actor", "type", "topic", "from", "to", "lang", "outlet", "limit", "offset"}
    # FastAPI's own docs pages load their scripts from a CDN: they are switched off
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_api_articles_paginate_with_next_links_to_the_end(client, built):
    db, _ = built
    seen, url, pages = [], "/api/articles?limit=2", 0
    while url:
        body = client.get(url).json()
        assert body["limit"] == 2 and len(body["items"]) <= 2
        seen += [a["id"] for a in body["items"]]
        url = body["next"]
        pages += 1
        assert pages < 50
    assert len(seen) == len(set(seen)) == snapshot(db)["articles"]
    last = client.get(f"/api/articles?limit=2&offset={len(seen) - 1}").json()
    assert last["next"] is None and last["prev"] == f"/api/articles?limit=2&offset={len(seen) - 3}"


def test_api_articles_filter_by_language_and_date(client):
    fa = client.get("/api/articles?lang=fa&limit=100").json()["items"]
    assert fa and all(a["language"] == "fa" for a in fa)
    dated = client.get("/api/articles?from=2024-10&to=2024-10&limit=100").json()["items"]
    assert dated and all(a["published_date"].startswith("2024-10") for a in dated)


def test_api_article_is_the_extract_record(client, example_records):
    _, records = example_records
    for record in records:
        got = client.get(f"/api/articles/{record['id']}").json()
        assert got == json.loads(json.dumps(record, ensure_ascii=False))


@pytest.mark.parametrize(
    "params",
    [
        {"q": "عراقچی"},
        {"q": "عراقجي", "lang": "ar"},
        {"q": "تهران", "lang": "fa", "from": "2024-10-01", "to": "2024-10-31"},
        {"actor": "abbas_araghchi"},
        {"q": "تهران", "type": "CONSULT"},
        {"q": "عراق", "outlet": "fars_news"},
        {"actor": "Abbas Araghchi", "topic": "bilateral_relations"},
    ],
)
def test_api_search_takes_the_cli_filters(client, built, params):
    from rasad.store import search

    db, _ = built
    kwargs = {{"from": "date_from", "to": "date_to"}.get(k, k): v for k, v in params.items() if k != "q"}
    expected = [h.to_json() for h in search(str(db), params.get("q"), **kwargs, limit=100)]
    body = client.get("/api/search", params={**params, "limit": 100}).json()
    assert expected and body["items"] == expected
    assert body["query"]["q"] == params.get("q")


def test_api_search_finds_either_script_and_pages_do_not_overlap(client):
    persian = client.get("/api/search", params={"q": "عراقچی", "limit": 100}).json()["items"]
    arabic = client.get("/api/search", params={"q": "عراقجي", "limit": 100}).json()["items"]
    assert {h["id"] for h in persian} == {h["id"] for h in arabic}
    assert {h["language"] for h in persian} >= {"fa", "ar"}
    one = client.get("/api/search", params={"q": "عراقچی", "limit": 1}).json()
    two = client.get(one["next"]).json()
    assert one["items"][0]["id"] == persian[0]["id"] and two["items"][0]["id"] == persian[1]["id"]


def test_api_actor_record_by_any_spelling(client):
    by_id = client.get("/api/actors/abbas_araghchi").json()
    assert by_id["actor"]["name"] == {"en": "Abbas Araghchi", "fa": "عباس عراقچی", "ar": "عباس عراقجي"}
    for name in ("عراقچی", "عراقجي", "Abbas Araghchi"):
        assert client.get(f"/api/actors/{urllib.parse.quote(name)}").json()["actor"]["id"] == "abbas_araghchi"
    listing = client.get("/api/actors", params={"q": "عراقجي"}).json()["items"]
    assert "abbas_araghchi" in [a["id"] for a in listing]


def test_api_events_quotes_network_clusters_have_the_page_envelope(client):
    events = client.get("/api/events?limit=2").json()
    assert len(events["items"]) == 2 and events["next"] == "/api/events?limit=2&offset=2"
    consult = client.get("/api/events?type=CONSULT&limit=100").json()["items"]
    assert consult and all(e["type"] == "CONSULT" for e in consult)
    quotes = client.get("/api/quotes", params={"speaker": "abbas_araghchi"}).json()["items"]
    assert quotes and all(q["speaker"] == "abbas_araghchi" for q in quotes)
    network = client.get("/api/network").json()
    assert {"abbas_araghchi", HOSTILE_ACTOR} <= {n["id"] for n in network["nodes"]}
    ids = {n["id"] for n in network["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["weight"] >= 1 for e in network["edges"])
    only_iraq = client.get("/api/network?country=IRQ").json()
    assert len(only_iraq["edges"]) < len(network["edges"])
    clusters = client.get("/api/clusters").json()
    assert set(clusters) >= {"items", "limit", "offset", "next", "prev"}


def test_api_export_writes_json_lines_of_a_query(client):
    r = client.get("/api/export/articles.jsonl", params={"q": "عراقچی"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in r.text.splitlines()]
    hits = client.get("/api/search", params={"q": "عراقچی", "limit": 100}).json()["items"]
    assert [x["id"] for x in records] == [h["content_hash"] for h in hits]
    assert all("original" in x for x in records)
    events = [json.loads(line) for line in client.get("/api/export/events.jsonl?type=CONSULT").text.splitlines()]
    assert events and all(e["type"] == "CONSULT" for e in events)


# ------------------------------------------------------------------ POST /api/extract


def test_api_extract_returns_what_rasad_extract_prints(client, tmp_path):
    from rasad.cli import main

    for name in ("fa_araghchi_hussein.txt", "ar_lavrov_call.html"):
        path = EXAMPLES / name
        out = tmp_path / f"{name}.jsonl"
        assert main(["extract", str(path), "-q", "-o", str(out)]) == 0
        expected = json.loads(out.read_text(encoding="utf-8"))
        field = "html" if name.endswith(".html") else "text"
        got = client.post("/api/extract", json={field: path.read_text(encoding="utf-8"), "source": str(path)})
        assert got.status_code == 200, got.text
        assert got.json() == expected


def test_api_extract_refuses_bad_articles_in_the_error_shape(client):
    assert_error(client.post("/api/extract", json={"text": "   "}), 422, "bad_article")
    assert_error(client.post("/api/extract", json={}), 422, "invalid_request")
    assert_error(client.post("/api/extract", json={"text": "a", "html": "<p>a</p>"}), 422, "invalid_request")
    assert_error(client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"}), 422, "invalid_request")


# ------------------------------------------------------------------ the error shape


def test_api_every_error_has_one_shape(client, built, monkeypatch):
    db, _ = built
    assert_error(client.get("/api/no-such-route"), 404, "not_found")
    assert_error(client.get("/api/articles/0000000000000000"), 404, "article_not_found")
    assert_error(client.get("/api/actors/nobody_at_all_xyz"), 404, "unknown_actor")
    assert_error(client.delete("/api/articles"), 405, "method_not_allowed")
    assert_error(client.put("/api/extract", json={}), 405, "method_not_allowed")
    assert_error(client.get("/api/articles?limit=0"), 422, "invalid_request")
    assert_error(client.get("/api/articles?limit=101"), 422, "invalid_request")
    assert_error(client.get("/api/articles?offset=-1"), 422, "invalid_request")
    assert_error(client.get("/api/search?q=x&from=yesterday"), 422, "invalid_request")
    assert_error(client.get("/api/search?q=x&from=2024-02-31"), 400, "bad_search")
    assert_error(client.get("/api/search"), 400, "bad_search")
    assert_error(client.get("/api/clusters?kind=nonsense"), 400, "bad_search")
    assert_error(client.get("/api/network?country=ZZZ"), 400, "bad_search")
    assert_error(client.get("/api/said-about?topic=no_such_topic"), 400, "bad_search")
    assert_error(client.get("/api/articles?x=" + "a" * 9000), 414, "uri_too_long")
    assert_error(client.post("/api/extract", content=b"x" * (2 * 1024 * 1024 + 1), headers={"content-type": "application/json"}), 413, "payload_too_large")
    assert_error(client.post("/api/ingest", json={"articles": []}), 403, "read_only")
    # an unexpected failure: 500, the same shape, and nothing about the failure itself
    from rasad.store import analysis

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(analysis, "get_article", broken)
    error = assert_error(client.get("/api/articles/0000000000000000"), 500, "internal_error")
    assert "secret" not in json.dumps(error) and "passwd" not in json.dumps(error)


def test_api_errors_on_pages_are_html_for_browsers_and_json_for_their_twins(client):
    page = client.get("/articles/0000000000000000", headers={"accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'data-code="article_not_found"' in page.text
    assert_error(client.get("/articles/0000000000000000?format=json", headers={"accept": "text/html"}), 404, "article_not_found")
    assert_error(client.get("/nowhere"), 404, "not_found")


# ------------------------------------------------------------------ request size limits


def _asgi_post(app, chunks: list[bytes], headers: list[tuple[bytes, bytes]]) -> tuple[int, int, bytes]:
    """POST ``chunks`` straight to the ASGI app; (status, chunks the app read, body)."""
    read = 0
    out: dict = {"body": b""}

    async def receive():
        nonlocal read
        if read < len(chunks):
            read += 1
            return {"type": "http.request", "body": chunks[read - 1], "more_body": read < len(chunks)}
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/api/extract", "raw_path": b"/api/extract", "root_path": "", "query_string": b"",
        "headers": [(b"host", b"test"), (b"content-type", b"application/json"), *headers], "client": ("127.0.0.1", 1), "server": ("test", 80),
    }
    anyio.run(app, scope, receive, send)
    return out["status"], read, out["body"]


async def _never_called(scope, receive, send):  # the app behind the limit: must not run for refused requests
    raise AssertionError("the app was reached")


def test_api_body_over_the_limit_is_refused_before_it_is_read():
    limits = Limits(_never_called, max_body=1000)
    chunks = [b"x" * 400] * 50
    # declared too large: refused before a single byte is read
    status, read, body = _asgi_post(limits, chunks, [(b"content-length", b"20000")])
    assert status == 413 and read == 0 and json.loads(body)["error"]["code"] == "payload_too_large"
    # no length declared (chunked): refused as soon as the bytes pass the limit, the rest never read
    status, read, body = _asgi_post(limits, chunks, [])
    assert status == 413 and read == 3 and json.loads(body)["error"]["code"] == "payload_too_large"


def test_api_body_within_the_limit_reaches_the_route_whole(client):
    text = (EXAMPLES / "fa_araghchi_hussein.txt").read_text(encoding="utf-8")
    body = json.dumps({"text": text}).encode()
    # sent in chunks without a Content-Length: read up to the limit, then replayed to the route
    r = client.post("/api/extract", content=iter([body[:100], body[100:]]), headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["original"] == text


# ------------------------------------------------------------------ writing and the token


@pytest.fixture()
def writable(tmp_path, pipeline):
    db = tmp_path / "w.db"
    app = create_app(db, write_token=TOKEN, pipeline=pipeline)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c, db


def test_api_ingest_needs_the_write_token(writable):
    client, db = writable
    text = (EXAMPLES / "fa_araghchi_hussein.txt").read_text(encoding="utf-8")
    payload = {"articles": [{"text": text, "source": "fa.txt"}, {"text": "  ", "source": "empty.txt"}]}
    error = assert_error(client.post("/api/ingest", json=payload), 401, "unauthorized")
    assert "Bearer" in error["message"]
    assert client.post("/api/ingest", json=payload).headers["www-authenticate"] == "Bearer"
    assert_error(client.post("/api/ingest", json=payload, headers={"authorization": "Basic " + TOKEN}), 401, "unauthorized")
    assert_error(client.post("/api/ingest", json=payload, headers={"authorization": "Bearer wrong"}), 403, "forbidden")
    assert_error(client.post("/api/ingest", json=payload, headers={"authorization": "Bearer " + TOKEN[:-1]}), 403, "forbidden")
    assert snapshot(db)["articles"] == 0
    r = client.post("/api/ingest", json=payload, headers={"authorization": "Bearer " + TOKEN})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1 and body["existing"] == 0
    assert [s["source"] for s in body["skipped"]] == ["empty.txt"]
    stored = client.get(f"/api/articles/{body['articles'][0]['id']}").json()
    assert stored["original"] == text
    again = client.post("/api/ingest", json=payload, headers={"authorization": "Bearer " + TOKEN}).json()
    assert again["added"] == 0 and again["existing"] == 1


def test_api_token_is_checked_before_the_body_and_compared_in_constant_time(writable, monkeypatch):
    import hmac

    from rasad.api import write

    client, _ = writable
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(write.hmac, "compare_digest", spy)
    assert_error(client.post("/api/ingest", content=b"{not json", headers={"authorization": "Bearer nope", "content-type": "application/json"}), 403, "forbidden")
    assert calls == [(b"nope", TOKEN.encode("utf-8"))]
    assert_error(client.post("/api/ingest", content=b"{not json", headers={"content-type": "application/json"}), 401, "unauthorized")
    assert_error(client.post("/api/ingest", content=b"{not json", headers={"authorization": "Bearer " + TOKEN, "content-type": "application/json"}), 422, "invalid_request")


def test_api_serve_takes_the_token_from_the_environment(monkeypatch, tmp_path, capsys):
    from rasad.api.serve import ServeError, token_from
    from rasad.cli import main

    monkeypatch.setenv("RASAD_TEST_TOKEN", " s3cret-s3cret-s3cret \n")
    assert token_from("RASAD_TEST_TOKEN", None) == "s3cret-s3cret-s3cret"
    assert token_from(None, "given-given-given-given") == "given-given-given-given"
    assert token_from(None, None) is None
    for bad in ("short", "t\u00e9-t\u00e9-t\u00e9-t\u00e9-t\u00e9", "with space inside token"):
        with pytest.raises(ServeError):
            token_from(None, bad)
    monkeypatch.delenv("RASAD_TEST_TOKEN")
    with pytest.raises(ServeError, match="RASAD_TEST_TOKEN"):
        token_from("RASAD_TEST_TOKEN", None)
    assert main(["serve", "--db", str(tmp_path / "missing.db"), "--token-env", "RASAD_TEST_TOKEN"]) == 1
    assert "RASAD_TEST_TOKEN is not set" in capsys.readouterr().err
    # read-only on a store that is not there: a clean error, and no empty store left behind
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 1
    assert "no store at" in capsys.readouterr().err and not (tmp_path / "missing.db").exists()


# ------------------------------------------------------------------ security


def _parameters(spec: dict) -> list[tuple[str, str]]:
    """(path, query parameter) of every GET route that takes text."""
    out = []
    for path, methods in spec["paths"].items():
        get = methods.get("get")
        if not get or "{" in path:
            continue
        for p in get.get("parameters", []):
            if p["in"] == "query":
                out.append((path, p["name"]))
    return out


def test_api_sql_injection_through_every_parameter_is_a_plain_value(client, built):
    db, _ = built
    before = snapshot(db)
    spec = client.get("/api/openapi.json").json()
    params = _parameters(spec)
    assert len(params) >= 25
    page_params = [("/search", p) for p in ("q", "actor", "type", "topic", "outlet")] + [("/actors", "q"), ("/timeline", "actor"), ("/quotes", "speaker")]
    checked = 0
    for path, name in params + page_params:
        for payload in SQL_PAYLOADS:
            query = {name: payload}
            if path in ("/api/search", "/search", "/api/export/articles.jsonl") and name not in ("q", "actor"):
                query["q"] = "عراقچی"
            if path == "/api/said-about" and name != "topic":
                query["topic"] = "regional_security"
            r = client.get(path, params={**query, "format": "json"} if not path.startswith("/api") else query)
            checked += 1
            assert r.status_code in (200, 400, 404, 409, 422), (path, name, payload, r.status_code, r.text[:300])
            if r.status_code != 200:
                assert_error(r, r.status_code)
                continue
            text = r.text
            # nothing the payload did not match: no article bodies, no database internals
            assert "sqlite_master" not in text and "CREATE TABLE" not in text
            if name in ("q", "actor", "speaker", "outlet", "topic", "type") and path.endswith(("search", "articles", "actors", "quotes", "events", "timeline", "articles.jsonl")):
                if path.endswith(".jsonl"):
                    assert text == "", (path, name, payload)
                else:
                    assert r.json()["items"] == [], (path, name, payload, text[:300])
    assert checked >= 250
    assert snapshot(db) == before


TRAVERSALS = [
    "/static/../pyproject.toml",
    "/static/../../pyproject.toml",
    "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static/..%2f..%2fapi%2fapp.py",
    "/static/%252e%252e%252fapp.py",
    "/static/....//....//pyproject.toml",
    "/static/..\\..\\api\\app.py",
    "/static/%2fetc%2fpasswd",
    "/static//etc/passwd",
    "/static/rasad.css%00.py",
    "/static/../templates/base.html",
    "/static/%2e%2e/templates/base.html",
    "/static/./rasad.css/../../api/app.py",
]


def _asgi_get(app, raw: str) -> tuple[int, bytes]:
    """GET with the raw path exactly as given (an HTTP client would tidy ../ away first)."""
    out: dict = {"body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    path, _, query = raw.partition("?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": urllib.parse.unquote(path), "raw_path": path.encode(), "root_path": "", "query_string": query.encode(),
        "headers": [(b"host", b"test")], "client": ("127.0.0.1", 1), "server": ("test", 80),
    }
    anyio.run(app, scope, receive, send)
    return out["status"], out["body"]


def test_api_static_route_serves_only_its_own_files(client):
    app = client.app
    status, body = _asgi_get(app, "/static/rasad.css")
    assert status == 200 and b"Rasad" in body
    secrets = (b"[build-system]", b"def create_app", b"<!doctype html>", b"root:")
    for raw in TRAVERSALS:
        status, body = _asgi_get(app, raw)
        assert status == 404, (raw, status)
        assert not any(s in body for s in secrets), raw
        assert json.loads(body)["error"]["code"] == "not_found"


def test_api_responses_carry_a_strict_content_security_policy(client):
    for path in ("/api", "/", "/static/rasad.js", "/api/no-such-route"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
