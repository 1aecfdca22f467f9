"""End to end in a real browser: Debian's headless Chromium, driven by Playwright's Python package (its own
browser downloads are never used), against `rasad serve`'s app on a free loopback port.

A reader searches in Persian letters for an actor written in Arabic letters, opens the article, sees the
quote highlighted with its speaker, opens the speaker's page, opens the network and clicks a node; a
hostile article's payloads stay text. Screenshots of each page go to artifacts/screenshots/."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from test_api import HOSTILE_ACTOR, HOSTILE_NAME, HOSTILE_QUOTE, HOSTILE_TITLE, build_store

CHROMIUM = Path(os.environ.get("RASAD_CHROMIUM", "/usr/bin/chromium"))
SHOTS = ROOT / "artifacts" / "screenshots"
TIMEOUT_MS = 20_000
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}: install Debian's chromium package (.ci/run does) or set RASAD_CHROMIUM"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """The app on 127.0.0.1 at a port the system picked, in a thread; stopped after the module."""
    import uvicorn

    from rasad.api import create_app

    db = tmp_path_factory.mktemp("browser") / "browser.db"
    ids = build_store(db, pipeline)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start in 30 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    srv.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    SHOTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS, viewport={"width": 1280, "height": 900}, timeout=60_000
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        # nothing may leave the machine: any request to another host fails the test that made it
        outside: list[str] = []

        def guard(route):
            host = urllib.parse.urlsplit(route.request.url).hostname
            if host != "127.0.0.1":
                outside.append(route.request.url)
                return route.abort()
            return route.continue_()

        context.route("**/*", guard)
        yield context, outside
        context.close()


@pytest.fixture()
def page(browser_context):
    context, outside = browser_context
    pg = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg, errors, dialogs
    pg.close()
    assert not outside, f"requests to other hosts: {outside}"


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=20) as r:  # noqa: S310 - loopback only
        return json.loads(r.read())


def _shot(pg, name: str, full: bool = True) -> None:
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_web_browser_search_article_speaker_network(server, page):
    base, ids = server
    pg, errors, dialogs = page
    # Persian letters for an actor the Arabic reports spell in Arabic letters
    query, arabic = ("شمخانی", "شمخاني") if ids["seeds"] else ("عراقچی", "عراقجي")
    pg.goto(base + "/search")
    pg.fill("main form.search input[name=q]", query)
    pg.press("main form.search input[name=q]", "Enter")
    pg.wait_for_selector("li.hit")
    assert pg.url.startswith(base + "/search?q=")
    arabic_hits = pg.locator("li.hit", has=pg.locator(f"li.match[lang=ar] mark:text-is('{arabic}')"))
    assert arabic_hits.count() >= 1, "no Arabic-letter match for a Persian-letter query"
    _shot(pg, "search")

    # an Arabic hit with a quote whose speaker the text names
    chosen = None
    for n in range(arabic_hits.count()):
        aid = arabic_hits.nth(n).get_attribute("data-article")
        record = _get_json(f"{base}/api/articles/{aid}")
        quotes = [q for q in record["quotes"] if q["speaker"] and q["speaker_span"]]
        if quotes:
            chosen = aid, quotes[0]
            break
    assert chosen, "no Arabic hit has a quote with a named speaker"
    aid, quote = chosen
    pg.click(f"li.hit[data-article='{aid}'] a.hit-title")
    pg.wait_for_url(f"{base}/articles/{aid}")
    original = pg.locator("#original")
    assert original.get_attribute("dir") == "rtl" and original.get_attribute("lang") == "ar"

    # the quote is highlighted, and its speaker is marked and linked
    marked = pg.locator(f"#original [id='quote-{quote['id']}']")
    assert marked.is_visible()
    assert quote["text"].startswith(marked.inner_text().strip()[:20])
    assert marked.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    speaker = pg.locator(f"#original a.speaker[data-quote='{quote['id']}']")
    assert speaker.inner_text() == quote["speaker_span"]["text"]
    side = pg.locator(f"li.quote-item[data-quote='{quote['id']}'] .speaker-link")
    assert side.inner_text()  # the speaker's name beside the quote
    # boilerplate removed from the text shows on demand
    removed = pg.locator("#original .removed")
    if removed.count():
        assert not removed.first.is_visible()
        pg.check("#show-removed")
        assert removed.first.is_visible()
        pg.uncheck("#show-removed")
    assert pg.locator("aside .event-summary .summary").count() >= 1
    _shot(pg, "article")

    speaker.click()
    pg.wait_for_url(f"{base}/actors/*")
    actor = _get_json(f"{base}/api/actors/{urllib.parse.quote(quote['speaker'], safe='')}")["actor"]
    assert pg.locator("h1").inner_text() == actor["name"]["en"]
    assert pg.locator(".name-fa").inner_text() == actor["name"]["fa"]
    assert pg.locator(".name-ar").inner_text() == actor["name"]["ar"]
    assert pg.locator("section.timeline li").count() >= 1
    assert pg.locator("section.by-topic section.topic").count() >= 1
    _shot(pg, "actor")

    pg.click("header nav a[href='/network']")
    pg.wait_for_selector("svg#network[data-ready=true]")
    nodes = pg.locator("svg#network g.node")
    assert nodes.count() >= 2
    before = pg.get_attribute("svg#network", "viewBox")
    pg.click("#zoom-in")
    assert pg.get_attribute("svg#network", "viewBox") != before
    pg.click("#zoom-reset")
    pg.mouse.move(640, 500)
    pg.mouse.wheel(0, 300)
    _shot(pg, "network", full=False)
    target = "abbas_araghchi" if pg.locator("svg g.node[data-id='abbas_araghchi']").count() else nodes.first.get_attribute("data-id")
    pg.locator(f"svg g.node[data-id='{target}'] circle").click()
    pg.wait_for_url(f"{base}/actors/{urllib.parse.quote(target, safe='')}")
    assert pg.locator("section.actor").get_attribute("data-actor") == target

    pg.goto(base + "/timeline")
    assert pg.locator("li.event-row").count() >= 1
    _shot(pg, "timeline")
    assert not errors and not dialogs, (errors, dialogs)


def _inert(pg) -> dict:
    """What a payload would have left behind, had any run."""
    return pg.evaluate(
        """() => ({
            xss: typeof window.__xss === 'undefined' ? null : String(window.__xss),
            injected: document.querySelectorAll('img, iframe, object, embed, [onerror], [onload], [onmouseover], [onclick], a[href^="javascript:" i]').length,
            svgs: [...document.querySelectorAll('svg')].filter(s => s.id !== 'network').length,
            scripts: [...document.scripts].map(s => s.getAttribute('src')),
        })"""
    )


def test_web_browser_injected_article_renders_inertly(server, page):
    base, ids = server
    pg, errors, dialogs = page
    pages = {
        "xss-article": f"/articles/{ids['hostile']}",
        "xss-actor": "/actors/" + urllib.parse.quote(HOSTILE_ACTOR, safe=""),
        "xss-search": "/search?" + urllib.parse.urlencode({"q": "بیانیه تست"}),
        "xss-network": "/network",
        "xss-timeline": "/timeline",
        "xss-quotes": "/quotes?" + urllib.parse.urlencode({"speaker": HOSTILE_ACTOR}),
    }
    for name, path in pages.items():
        pg.goto(base + path)
        if name == "xss-network":
            pg.wait_for_selector("svg#network[data-ready=true]")
            (node,) = [n for n in pg.locator("svg g.node").all() if n.get_attribute("data-id") == HOSTILE_ACTOR]
            assert node.locator("text").text_content() == HOSTILE_NAME["en"]  # the label is text, not markup
        for el in pg.locator("[onmouseover], #original a.mention, #original a.speaker").all()[:5]:
            el.hover()
        state = _inert(pg)
        assert state["xss"] is None, (name, state)
        assert state["injected"] == 0 and state["svgs"] == 0, (name, state)
        assert all(src and src.startswith("/static/") for src in state["scripts"]), (name, state)
        _shot(pg, name)
    pg.goto(base + pages["xss-article"])
    assert HOSTILE_TITLE in pg.locator("h1").inner_text()
    assert HOSTILE_QUOTE in pg.locator("#original").inner_text()
    assert HOSTILE_NAME["en"] in pg.locator("section.actors").inner_text()
    assert not dialogs, f"a payload opened a dialog: {dialogs}"
    assert not errors, errors
