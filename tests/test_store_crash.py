"""Crash safety: `rasad ingest` killed with SIGKILL in the middle of a batch, at chosen points (inside an
article's transaction, right after a commit), at moments chosen by the clock, and just before statements
drawn at random from the whole run (migrations, existence checks, every write, BEGIN and COMMIT). After
each kill the database passes its integrity checks and holds no article in part, and a rerun ends with
the same content as an uninterrupted run. Bounded: a few subprocesses per backend, each on ~40 small
articles; RASAD_CRASH_KILLS sets how many random statements are tried (default 10).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import ExitStack

import pytest

from rasad.store import check, contents, ingest_paths, open_store
from rasad.store.errors import StoreError

from conftest import EXAMPLES
from test_store import BACKENDS, new_location

VARIANTS = 20  # copies of each text example, each with its own last line: 42 articles with the records
TIMEOUT_S = 60
KILLS = int(os.environ.get("RASAD_CRASH_KILLS", "10"))

# Runs `rasad ingest` in a child process that kills itself with SIGKILL at a chosen point:
#   mid N    inside the N-th article's transaction, after its article row, actors and sentences
#   after N  just after the N-th article is committed
#   none     never (the parent kills it by the clock)
DRIVER = r"""
import os, signal, sys
import rasad.store.batch as batch
import rasad.store.write as write
from rasad.cli import main

mode, n, db, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
count = 0
insert, write_article = write._insert, batch.write_article

def dying_insert(store, sql, rows):
    global count
    count += 1
    if mode == "mid" and count == n:
        store.executemany(sql["actors"], rows["actors"])
        store.executemany(sql["sentences"], rows["sentences"])
        os.kill(os.getpid(), signal.SIGKILL)
    insert(store, sql, rows)

def dying_write(*args, **kwargs):
    stored = write_article(*args, **kwargs)
    if mode == "after" and count == n:
        os.kill(os.getpid(), signal.SIGKILL)
    return stored

write._insert, batch.write_article = dying_insert, dying_write
sys.exit(main(["ingest", *paths, "--db", db, "--quiet"]))
"""


# The part both statement drivers share: load the pipeline once, count the statements the store connection
# runs (migrations, existence checks, inserts, BEGIN, COMMIT, clustering), and ``run(n, location)``: fork a
# child that runs `rasad ingest PATHS` into ``location`` and kills itself with SIGKILL just before statement
# ``n`` (0: never); it returns the child's exit status and ``counted()`` as the child saw it at the end.
KILLING_INGEST = r"""
import json, os, random, signal, sys
import rasad
import rasad.store.db as db
from rasad.cli import main
from rasad.ingest.readers import from_text

rasad.load_pipeline()(from_text("وزیر خارجه عراق در تهران گفت «همکاری ادامه دارد».", "warm-up"))  # models, once
kill_at = count = 0

def tick():
    global count
    count += 1
    if count == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

class Dying:
    def __init__(self, conn):
        self.__dict__["_conn"] = conn
    def __getattr__(self, name):
        return getattr(self._conn, name)
    def __setattr__(self, name, value):
        setattr(self._conn, name, value)
    def execute(self, *args, **kwargs):
        tick()
        return self._conn.execute(*args, **kwargs)
    def executemany(self, *args, **kwargs):
        tick()
        return self._conn.executemany(*args, **kwargs)
    def cursor(self, *args, **kwargs):
        tick()
        return self._conn.cursor(*args, **kwargs)

init = db.Store.__init__
db.Store.__init__ = lambda self, conn, *args, **kwargs: init(self, Dying(conn), *args, **kwargs)

def run(n, location, paths, counted):
    global kill_at, count
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        kill_at, count = n, 0
        code = main(["ingest", *paths, "--db", location, "--quiet"])
        os.write(write, json.dumps(counted()).encode())
        os._exit(code)
    os.close(write)
    with os.fdopen(read) as fh:
        seen = fh.read()
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), json.loads(seen) if seen else None
"""

# Kills `rasad ingest` just before statements drawn at random: one uninterrupted ingest counts the
# statements, KILLS of them are drawn with the seed, then each kill runs on its own new store.
# Prints {"total", "points", "exits"}.
STATEMENT_DRIVER = KILLING_INGEST + r"""
seed, kills, locations, paths = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4:]
exit_code, total = run(0, locations[0], paths, lambda: count)
assert exit_code == 0, f"the uninterrupted run exited {exit_code}"
points = sorted(random.Random(seed).sample(range(1, total + 1), min(kills, total)))
exits = [run(n, location, paths, lambda: count)[0] for n, location in zip(points, locations[1:])]
print(json.dumps({"total": total, "points": points, "exits": exits}))
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash-inputs")
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for i in range(VARIANTS):
            (folder / f"{path.stem}_{i}.txt").write_text(f"{text.rstrip()}\n\nنسخه {i} از این خبر.\n", encoding="utf-8")
    return [str(folder), str(EXAMPLES / "records.jsonl")]


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture(scope="module")
def reference(backend, inputs, tmp_path_factory):
    """The content of an uninterrupted run."""
    with new_location(backend, tmp_path_factory.mktemp("reference")) as location:
        report = ingest_paths(location, inputs)
        assert report.skipped == [] and report.added > 30
        yield contents(location)


def _stored(location: str) -> int:
    with open_store(location, must_exist=True) as store:
        return store.value("SELECT count(*) FROM articles")


def _assert_sound_then_rerun(location: str, inputs: list[str], reference: dict) -> None:
    assert check(location) == []  # integrity_check ok, and every stored article is whole
    report = ingest_paths(location, inputs)
    assert report.skipped == []
    assert contents(location) == reference


@pytest.mark.parametrize("mode, n", [("mid", 1), ("mid", 7), ("after", 3)])
def test_store_crash_at_a_chosen_point_leaves_whole_articles(backend, inputs, reference, tmp_path, mode, n):
    with new_location(backend, tmp_path) as location:
        proc = subprocess.run([sys.executable, "-c", DRIVER, mode, str(n), location, *inputs], capture_output=True, timeout=TIMEOUT_S)
        assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
        assert _stored(location) == (n - 1 if mode == "mid" else n)  # the killed article left nothing
        _assert_sound_then_rerun(location, inputs, reference)


def test_store_crash_at_moments_chosen_by_the_clock(backend, inputs, reference, tmp_path):
    """Killed twice (the second time while a rerun completes the first), checked after each kill."""
    rng = random.Random(8)
    with new_location(backend, tmp_path) as location:
        stored = 0
        for _ in range(2):
            target = stored + rng.randint(2, 12)
            proc = subprocess.Popen([sys.executable, "-c", DRIVER, "none", "0", location, *inputs], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                deadline = time.monotonic() + TIMEOUT_S
                while time.monotonic() < deadline and proc.poll() is None:
                    try:
                        if _stored(location) >= target:  # a reader, while the writer goes on (WAL)
                            break
                    except StoreError:  # not created yet
                        pass
                    time.sleep(0.005)
                time.sleep(rng.random() * 0.05)
                proc.send_signal(signal.SIGKILL)
            finally:
                proc.wait(timeout=TIMEOUT_S)
            stored = _stored(location)
            if proc.returncode != -signal.SIGKILL or stored >= len(reference["articles"]):
                pytest.fail(f"the batch ended before the kill (exit {proc.returncode}, {stored} stored): make it longer")
            assert stored >= target
            assert check(location) == []
        _assert_sound_then_rerun(location, inputs, reference)


def test_store_crash_before_random_statements_many_times(backend, inputs, reference, tmp_path):
    """KILLS kills, each just before a statement drawn at random (fixed seed) from an uninterrupted run's
    statements, each on a new store; after each: sound, no article in part, and a rerun completes it."""
    with ExitStack() as stack:
        locations = []
        for i in range(KILLS + 1):
            (tmp_path / str(i)).mkdir()
            locations.append(stack.enter_context(new_location(backend, tmp_path / str(i))))
        proc = subprocess.run(
            [sys.executable, "-c", STATEMENT_DRIVER, "88", str(KILLS), json.dumps(locations), *inputs],
            capture_output=True, text=True, timeout=TIMEOUT_S * (KILLS + 1),
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        assert contents(locations[0]) == reference  # the command line stores what the library stores
        assert len(run["points"]) == KILLS and run["exits"] == [-signal.SIGKILL] * KILLS, run
        for n, location in zip(run["points"], locations[1:]):
            try:
                stored = _stored(location)
            except StoreError:  # killed before the store was created: nothing to check but the rerun
                stored = None
            if stored is not None:
                assert check(location) == [], f"killed before statement {n} of {run['total']}"
            _assert_sound_then_rerun(location, inputs, reference)


# Kills `rasad ingest` while it clusters (after every article is stored): the driver wraps
# rasad.cluster.update to note how many store statements ran before clustering began, then, in a forked child
# per point, runs the ingest again on a new store and kills itself just before statement (start + offset).
CLUSTER_DRIVER = KILLING_INGEST + r"""
import rasad.cluster as cluster

offsets, locations, paths = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3:]
started = 0
update = cluster.update

def noting_update(*args, **kwargs):
    global started
    started = count
    return update(*args, **kwargs)

cluster.update = noting_update
exit_code, (start, total) = run(0, locations[0], paths, lambda: [started, count])
assert exit_code == 0, f"the uninterrupted run exited {exit_code}"
points = [start + k for k in offsets if start + k <= total]
exits = [run(n, location, paths, lambda: [started, count])[0] for n, location in zip(points, locations[1:])]
print(json.dumps({"start": start, "total": total, "points": points, "exits": exits}))
"""
CLUSTER_KILL_OFFSETS = (1, 2, 5, 20)  # the transaction's BEGIN, its first reads, writes in the middle


def cluster_rows(location: str) -> dict[str, list[tuple]]:
    from rasad.cluster.update import TABLES

    with open_store(location, must_exist=True) as store:
        return {t: sorted((tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in store.query(f"SELECT * FROM {t}")), key=repr) for t in TABLES}


def test_store_crash_while_clustering_leaves_the_groups_whole(backend, inputs, tmp_path):
    """Clustering runs in one transaction after the articles are stored: killed inside it, the store is sound,
    holds every article and no cluster row at all, and a rerun of `rasad ingest` groups exactly as an
    uninterrupted run did."""
    with ExitStack() as stack:
        locations = []
        for i in range(len(CLUSTER_KILL_OFFSETS) + 1):
            (tmp_path / str(i)).mkdir()
            locations.append(stack.enter_context(new_location(backend, tmp_path / str(i))))
        proc = subprocess.run(
            [sys.executable, "-c", CLUSTER_DRIVER, json.dumps(CLUSTER_KILL_OFFSETS), json.dumps(locations), *inputs],
            capture_output=True, text=True, timeout=TIMEOUT_S * (len(CLUSTER_KILL_OFFSETS) + 1),
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        assert run["total"] - run["start"] > max(CLUSTER_KILL_OFFSETS), run  # every point falls inside clustering
        assert run["exits"] == [-signal.SIGKILL] * len(CLUSTER_KILL_OFFSETS), run
        grouped = cluster_rows(locations[0])
        assert grouped["clusters"] and grouped["article_minhash"]  # the reference run did group
        articles = _stored(locations[0])
        for n, location in zip(run["points"], locations[1:]):
            assert check(location) == [], f"killed before statement {n} of {run['total']}"
            assert _stored(location) == articles
            assert not any(cluster_rows(location).values()), f"killed before statement {n}: half a clustering run stayed"
            rerun = subprocess.run([sys.executable, "-m", "rasad", "ingest", *inputs, "--db", location, "--quiet"], capture_output=True, text=True, timeout=TIMEOUT_S)
            assert rerun.returncode == 0, rerun.stderr[-2000:]
            assert cluster_rows(location) == grouped
