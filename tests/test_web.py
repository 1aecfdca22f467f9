"""The pages (rasad.web) without a browser: highlighting from stored offsets, escaping of untrusted text,
a JSON twin for every page. The browser half is tests/test_web_browser.py."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from test_api import HOSTILE_ACTOR, HOSTILE_NAME, HOSTILE_QUOTE, HOSTILE_SUMMARY, HOSTILE_TITLE, HOSTILE_URL, build_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from rasad.api import create_app
from rasad.web.highlight import Mark, render
from rasad.web.views import actor_url, safe_url

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def built(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("web") / "web.db"
    return db, build_store(db, pipeline)


@pytest.fixture(scope="module")
def client(built):
    with TestClient(create_app(built[0]), raise_server_exceptions=False) as c:
        yield c


def _tree(text: str):
    return lxml_html.fromstring(text)


# ------------------------------------------------------------------ highlighting


def test_web_highlight_escapes_each_piece_and_keeps_the_text():
    text = '<b>x</b> & "y" <script>alert(1)</script>'
    out = render(text, [Mark(0, 8, "a", (("href", '/a?x="1"&y'),)), Mark(9, 10, "mark")])
    assert "<script>" not in out and "<b>" not in out
    assert out.startswith('<a href="/a?x=&#34;1&#34;&amp;y">&lt;b&gt;x&lt;/b&gt;</a>')
    assert _tree(f"<div>{out}</div>").text_content() == text


def test_web_highlight_splits_crossing_spans_and_never_nests_links():
    out = render("abcdefgh", [Mark(0, 5, "a", (("href", "/1"), ("id", "one"))), Mark(3, 8, "span", (("id", "two"), ("class", "q"))), Mark(1, 4, "a", (("href", "/2"),))])
    # the inner link becomes a span; the crossing span is cut where each enclosing one ends; one id only
    assert out == '<a href="/1" id="one">a<span>bc<span id="two" class="q">d</span></span><span class="q">e</span></a><span class="q">fgh</span>'
    tree = _tree(f"<div>{out}</div>")
    assert not tree.xpath("//a//a")
    assert len(tree.xpath("//*[@id='two']")) == 1


def test_web_highlight_inserts_labels_and_clips_to_the_text():
    out = render("hello world", [Mark(5, 5, "a", (("href", "#e1"),), label="e1"), Mark(-3, 2, "b"), Mark(9, 40, "i")], base=0)
    assert out == '<b>he</b>llo<a href="#e1">e1</a> wor<i>ld</i>'
    assert render("cdef", [Mark(0, 3, "b")], base=2) == "<b>c</b>def"


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'/=شمخانی\n")), max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(["a", "span", "mark"])), max_size=8),
)
def test_web_highlight_output_always_reads_back_as_the_text(text, spans):
    marks = [Mark(min(a, b), max(a, b), tag, (("href", "/x"),) if tag == "a" else (("class", "c"),), rank=i) for i, (a, b, tag) in enumerate(spans)]
    out = render(text, marks)
    tree = _tree(f"<div>{out}</div>")
    assert tree.text_content() == text
    assert not tree.xpath("//a//a") and not tree.xpath("//script")


def test_web_safe_url_keeps_only_http_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example", "http:/x", None, ""):
        assert safe_url(bad) is None, bad
    assert actor_url('new:PER:x"><svg>') == "/actors/new%3APER%3Ax%22%3E%3Csvg%3E"


# ------------------------------------------------------------------ the article page


def test_web_article_page_highlights_every_span_from_the_stored_offsets(client, example_records):
    _, records = example_records
    record = next(r for r in records if r["quotes"] and r["events"] and r["dates"])
    page = client.get(f"/articles/{record['id']}", headers=HTML)
    assert page.status_code == 200
    tree = _tree(page.text)
    original = tree.get_element_by_id("original")
    assert original.get("dir") == "rtl" and original.get("lang") == record["language"]
    refs = original.xpath(".//*[@class='event-ref']")
    assert sorted(r.text_content() for r in refs) == sorted(f"e{n}" for n in range(1, len(record["events"]) + 1))
    for r in refs:  # the links to the events' summaries are the only text added to the original
        r.drop_tree()
    assert original.text_content() == record["original"]
    for actor in record["actors"]:
        marked = [e.text_content() for e in original.xpath(f".//*[@data-actor='{actor['id']}']")]
        for m in actor["mentions"]:
            assert m["text"] in "".join(marked), (actor["id"], m)
    for q in record["quotes"]:
        (el,) = original.xpath(f".//*[@id='quote-{q['id']}']")
        assert q["text"].startswith(el.text_content())
        if q["speaker"] and q["speaker_span"]:
            assert original.xpath(f".//a[@class='speaker'][@data-quote='{q['id']}'][@href='{actor_url(q['speaker'])}']")
    for e in record["events"]:
        assert original.xpath(f".//*[@id='event-{e['id']}']")
        (summary,) = tree.xpath(f"//li[@id='summary-{e['id']}']")
        assert e["summary_en"] in summary.text_content()
    dated = [d for d in record["dates"] if d["value"]]
    assert len(original.xpath(".//a[@class='date']")) >= len(dated)
    removed = original.xpath(".//span[@class='removed']")
    assert [r.text_content() for r in removed] == [r["text"] for r in record["removed"]]


def test_web_article_page_escapes_script_and_html_in_text_title_and_names(client, built):
    _, ids = built
    page = client.get(f"/articles/{ids['hostile']}", headers=HTML)
    assert page.status_code == 200
    text = page.text
    for raw in ("<script>window", "<script>alert", "<img src=x", "<svg onload", '<b onmouseover'):
        assert raw not in text, raw
    assert 'href="javascript:' not in text and "href='javascript:" not in text
    tree = _tree(text)
    assert [s.get("src") for s in tree.xpath("//script")] == ["/static/rasad.js"]
    assert not tree.xpath("//img | //svg | //*[@onerror] | //*[@onload] | //*[@onmouseover]")
    assert HOSTILE_TITLE in tree.xpath("//h1")[0].text_content()
    assert HOSTILE_QUOTE in tree.get_element_by_id("original").text_content()
    assert HOSTILE_SUMMARY in text.replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
    assert HOSTILE_NAME["en"] in tree.xpath("//section[@class='actors']")[0].text_content()
    assert HOSTILE_URL in tree.xpath("//dd[@class='source']")[0].text_content()  # shown as text, not a link
    actor = client.get(actor_url(HOSTILE_ACTOR), headers=HTML)
    assert actor.status_code == 200
    tree = _tree(actor.text)
    assert not tree.xpath("//img | //svg | //*[@onerror] | //*[@onload]")
    assert tree.xpath("//span[@class='name-fa']")[0].text_content() == HOSTILE_NAME["fa"]


# ------------------------------------------------------------------ JSON twins


@pytest.mark.parametrize(
    ("page", "api"),
    [
        ("/", "/api/articles"),
        ("/?limit=2&offset=2", "/api/articles?limit=2&offset=2"),
        ("/search?q=%D8%B9%D8%B1%D8%A7%D9%82%DA%86%DB%8C&lang=ar", "/api/search?q=%D8%B9%D8%B1%D8%A7%D9%82%DA%86%DB%8C&lang=ar"),
        ("/actors?q=iran", "/api/actors?q=iran"),
        ("/actors/abbas_araghchi", "/api/actors/abbas_araghchi"),
        ("/network?country=IRQ", "/api/network?country=IRQ"),
        ("/timeline?type=CONSULT", "/api/events?type=CONSULT"),
        ("/quotes?speaker=abbas_araghchi", "/api/quotes?speaker=abbas_araghchi"),
    ],
)
def test_web_every_page_links_its_json_twin(client, page, api):
    html = client.get(page, headers=HTML)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    tree = _tree(html.text)
    (twin,) = tree.xpath("//link[@rel='alternate'][@type='application/json']/@href")
    assert twin == api
    assert tree.xpath(f"//a[@class='twin'][@href='{api}']")
    as_json = client.get(page + ("&" if "?" in page else "?") + "format=json")
    expected = client.get(api).json()
    strip = lambda d: {k: v for k, v in d.items() if k not in ("next", "prev")} if isinstance(d, dict) else d  # noqa: E731 - links name their own path
    assert strip(as_json.json()) == strip(expected)


def test_web_article_page_twin_is_the_extract_record(client, example_records):
    _, records = example_records
    record = records[0]
    tree = _tree(client.get(f"/articles/{record['id']}", headers=HTML).text)
    (twin,) = tree.xpath("//link[@rel='alternate']/@href")
    assert client.get(twin).json()["original"] == record["original"]
    assert client.get(f"/articles/{record['id']}?format=json").json() == client.get(twin).json()


def test_web_pages_load_nothing_from_other_sites(client, built):
    _, ids = built
    for page in ("/", "/search?q=x", f"/articles/{ids['hostile']}", "/actors/abbas_araghchi", "/network", "/timeline", "/quotes", "/actors"):
        tree = _tree(client.get(page, headers=HTML).text)
        urls = tree.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src")
        assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), (page, urls)
        assert not tree.xpath("//script[not(@src)] | //*[@style] | //style"), page  # nothing inline: the CSP forbids it
