"""Load-testing `rasad serve`: concurrent clients on loopback asking for searches, article pages, their
JSON twins and POST /api/extract; per endpoint the requests per second, median, 95th percentile and
slowest answer, every failed request, and the server's memory after the warm-up and at the end.

``measure(base_url, ...)`` drives a running server; ``serving(db)`` starts one on a free port; ``run``
does both for `rasad bench --serve`, and the reliability test asserts on the same figures. Speed is
printed, never asserted.
"""

from __future__ import annotations

import http.client
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from rasad.errors import InputError, RasadError

START_TIMEOUT_S = 90
REQUEST_TIMEOUT_S = 60

# text for POST /api/extract: a short article; each request appends its own line, so no cache keyed by
# the text can hide a leak (or serve a copy)
EXTRACT_TEXT = (
    "عراقچی: همکاری تهران و بغداد به نفع ثبات منطقه است\n\n"
    "به گزارش خبرگزاری تسنیم، سید عباس عراقچی وزیر امور خارجه روز ۲۵ مهر ۱۴۰۳ در دیدار با فؤاد حسین "
    "وزیر خارجه عراق گفت: «همکاری‌های تهران و بغداد به نفع ثبات منطقه است.»\n"
)


@dataclass(frozen=True)
class Call:
    """One request of the mix: ``endpoint`` names it in the report."""

    endpoint: str
    method: str
    path: str
    body: bytes | None = None


@dataclass
class Tally:
    """What the clients saw, per endpoint: latencies of answered requests, and every failure."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, endpoint: str, elapsed: float, problem: str | None) -> None:
        with self.lock:
            self.seconds.setdefault(endpoint, []).append(elapsed)
            if problem:
                self.failures.append(f"{endpoint}: {problem}")


def targets(base_url: str, limit: int = 50) -> tuple[list[str], list[str]]:
    """Article ids and search words taken from the server itself (its newest articles and their titles)."""
    status, body = _request(base_url, "GET", f"/api/articles?limit={limit}")
    if status != 200:
        raise InputError(base_url, f"GET /api/articles answered {status}: {body[:200]!r}")
    items = json.loads(body)["items"]
    ids = [a["id"] for a in items]
    words = sorted({w for a in items for w in (a.get("title") or "").split() if len(w) > 3})
    if not ids or not words:
        raise InputError(base_url, "the server holds no articles to load-test against: ingest some first")
    return ids, words


def mix(ids: list[str], words: list[str], rng: random.Random, n: int) -> list[Call]:
    """``n`` requests in a fixed order: a search, an article page, its JSON twin, an extract, round and round."""
    calls = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            q = " ".join(rng.sample(words, min(len(words), rng.choice((1, 1, 2)))))
            calls.append(Call("GET /api/search", "GET", f"/api/search?q={quote(q)}"))
        elif kind == 1:
            calls.append(Call("GET /articles/{id}", "GET", f"/articles/{rng.choice(ids)}"))
        elif kind == 2:
            calls.append(Call("GET /api/articles/{id}", "GET", f"/api/articles/{rng.choice(ids)}"))
        else:
            text = f"{EXTRACT_TEXT}\nنسخه {rng.randrange(10**9)}.\n"
            calls.append(Call("POST /api/extract", "POST", "/api/extract", json.dumps({"text": text}).encode()))
    return calls


def _connection(base_url: str) -> http.client.HTTPConnection:
    url = urlsplit(base_url)
    return http.client.HTTPConnection(url.hostname, url.port or 80, timeout=REQUEST_TIMEOUT_S)


def _request(base_url: str, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    conn = _connection(base_url)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# a kept-alive connection the server closed between two requests: sent again once on a new connection
STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


def _send(conn: http.client.HTTPConnection, call: Call) -> tuple[int, bytes]:
    conn.request(call.method, call.path, body=call.body, headers={"Content-Type": "application/json"} if call.body else {})
    resp = conn.getresponse()
    return resp.status, resp.read()


def _client(base_url: str, calls: list[Call], stop_at: float, tally: Tally) -> None:
    """One client: a kept-alive connection, requests one after another until ``stop_at``."""
    conn = _connection(base_url)
    used = False
    try:
        i = 0
        while time.monotonic() < stop_at:
            call = calls[i % len(calls)]
            i += 1
            t0 = time.perf_counter()
            try:
                try:
                    status, body = _send(conn, call)
                except STALE:
                    if not used:
                        raise
                    conn.close()
                    conn = _connection(base_url)
                    status, body = _send(conn, call)
                used = True
            except (OSError, http.client.HTTPException) as exc:
                tally.add(call.endpoint, time.perf_counter() - t0, f"no answer for {call.path[:80]}: {exc.__class__.__name__}: {exc}")
                conn.close()
                conn, used = _connection(base_url), False
                continue
            problem = None if status == 200 else f"{status} for {call.path[:80]}: {body[:200]!r}"
            tally.add(call.endpoint, time.perf_counter() - t0, problem)
    finally:
        conn.close()


def drive(base_url: str, clients: int, seconds: float, ids: list[str], words: list[str], seed: int = 0) -> Tally:
    """``clients`` threads, each with its own shuffled mix, for ``seconds``."""
    tally = Tally()
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(base_url, mix(ids, words, random.Random(seed * 1000 + c), 400), stop_at, tally), daemon=True)
        for c in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + REQUEST_TIMEOUT_S + 5)
    return tally


def rss_bytes(pid: int) -> int:
    """Resident memory of process ``pid`` (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def latency_report(tally: Tally, seconds: float) -> dict[str, dict[str, float | int]]:
    """Per endpoint: requests, errors, requests/s, median, 95th percentile and slowest, in milliseconds."""
    out: dict[str, dict[str, float | int]] = {}
    for endpoint, values in sorted(tally.seconds.items()):
        errors = sum(1 for f in tally.failures if f.startswith(endpoint + ":"))
        out[endpoint] = {
            "requests": len(values),
            "errors": errors,
            "per_s": round(len(values) / seconds, 1),
            "p50_ms": round(statistics.median(values) * 1000, 2),
            "p95_ms": round(percentile(values, 95) * 1000, 2),
            "max_ms": round(max(values) * 1000, 2),
        }
    return out


def measure(base_url: str, *, clients: int = 8, seconds: float = 20.0, warmup_s: float = 2.0, pid: int | None = None, seed: int = 0) -> dict:
    """Load-test a running `rasad serve` at ``base_url``: one request of each kind (models and indexes load),
    a warm-up of ``warmup_s`` under load (caches filled), then ``clients`` concurrent clients for ``seconds``. Returns the per-endpoint figures
    (``endpoints``), every failed request (``failures``: a status other than 200, or no answer), and, when
    the server's ``pid`` is given, its resident memory after the warm-up and at the end (``rss_start``,
    ``rss_end``, bytes)."""
    ids, words = targets(base_url)
    failures = []
    for call in mix(ids, words, random.Random(seed), 4):  # one of each, alone: models and indexes load on first use
        status, body = _request(base_url, call.method, call.path, call.body)
        if status != 200:
            failures.append(f"{call.endpoint}: {status} for {call.path[:80]}: {body[:200]!r}")
    warm = drive(base_url, clients, warmup_s, ids, words, seed=seed + 1)
    rss_start = rss_bytes(pid) if pid else None
    tally = drive(base_url, clients, seconds, ids, words, seed=seed)
    rss_end = rss_bytes(pid) if pid else None
    return {
        "clients": clients,
        "seconds": seconds,
        "endpoints": latency_report(tally, seconds),
        "failures": failures + warm.failures + tally.failures,
        "rss_start": rss_start,
        "rss_end": rss_end,
    }


def format_report(report: dict) -> str:
    lines = [f"load: {report['clients']} clients for {report['seconds']:g} s"]
    for endpoint, f in report["endpoints"].items():
        lines.append(
            f"  {endpoint:24s} {f['requests']:6d} requests {f['per_s']:8.1f}/s  p50 {f['p50_ms']:8.2f} ms  "
            f"p95 {f['p95_ms']:8.2f} ms  max {f['max_ms']:8.2f} ms  errors {f['errors']}"
        )
    if report["rss_start"]:
        mb = 1024 * 1024
        lines.append(f"  server memory            {report['rss_start'] / mb:.1f} MB after warm-up, {report['rss_end'] / mb:.1f} MB at the end")
    return "\n".join(lines)


class ServerFailed(RasadError):
    """`rasad serve` exited or did not answer in time; the message carries the end of its log."""

    code = "E700"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: str, log_path: Path, *, start_timeout_s: float = START_TIMEOUT_S) -> Iterator[tuple[str, int]]:
    """`rasad serve --db DB` on a free loopback port, in its own process, writing its output to
    ``log_path``; yields (base URL, pid) once GET /api answers, and stops the server afterwards."""
    port = free_port()
    with log_path.open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "rasad", "serve", "--db", db, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + start_timeout_s
            while True:
                if proc.poll() is not None:
                    raise ServerFailed(f"rasad serve exited with {proc.returncode}: {log_path.read_text(errors='replace')[-2000:]}")
                try:
                    if _request(base_url, "GET", "/api")[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise ServerFailed(f"rasad serve did not answer within {start_timeout_s:g} s; log: {log_path}")
                time.sleep(0.2)
            yield base_url, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def run(*, url: str | None = None, db: str | None = None, articles: list[Any] | None = None,
        clients: int = 8, seconds: float = 20.0) -> dict[str, Any]:
    """Figures for `rasad bench --serve`: against the server at ``url``; else a server started here over
    ``db`` (used as it is), else over a new temporary store of ``articles``."""
    if url:
        return measure(url, clients=clients, seconds=seconds)
    tmp = tempfile.mkdtemp(prefix="rasad-bench-serve-")
    try:
        location = db or _fill(str(Path(tmp) / "serve.db"), articles or [])
        with serving(location, Path(tmp) / "serve.log") as (base_url, pid):
            return measure(base_url, clients=clients, seconds=seconds, pid=pid)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _fill(location: str, articles: list[Any]) -> str:
    import rasad
    from rasad.store.batch import ingest
    from rasad.store.db import open_store

    if not articles:
        raise rasad.InputError(location, "no articles to serve: pass --db with a filled store, or corpora to read")
    with open_store(location) as store:
        ingest(store, articles, rasad.load_pipeline())
    return location
