"""`rasad bench`: throughput per stage and end to end, and peak memory, on the shared corpora.

Figures are printed, never asserted: speed is measured by this command, not by timed tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from rasad.doc import Article
from rasad.errors import InputError
from rasad.ingest.readers import read_inputs
from rasad.pipeline import TEXT_STAGES, Pipeline, default_stages

DEFAULT_CORPORA = Path("..") / "shared" / "corpora"
SERVE_ARTICLES = 150  # articles of each corpus in the store the load test serves


def _load(corpora: Path, limit: int) -> dict[str, list[Article]]:
    sets = {
        "farsnews (fa)": [str(corpora / "news-fa-farsnews" / "farsnews.jsonl")],
        "saudinewsnet (ar)": [str(p) for p in sorted((corpora / "news-ar-saudinewsnet").glob("*.zip"))],
    }
    out: dict[str, list[Article]] = {}
    for name, paths in sets.items():
        articles = []
        for item in read_inputs(p for p in paths if Path(p).exists()):
            if isinstance(item, Article):
                articles.append(item)
                if len(articles) >= limit:
                    break
        if articles:
            out[name] = articles
    return out


def _bench_workers(articles: list[Article], stages: tuple[str, ...], workers: int) -> dict:
    """End-to-end throughput (records out, in order) with 1 and with ``workers`` warm processes (each
    loads the pipeline once before the clock starts, as a long batch amortises it)."""
    from rasad import parallel

    parallel._init(stages, one_thread=True)
    t0 = time.perf_counter()
    for article in articles:
        parallel.process_one(article)
    single = len(articles) / (time.perf_counter() - t0)
    with parallel._pool(workers, stages, False) as pool:
        pool.map(parallel.process_one, articles[:workers], chunksize=1)  # warm every worker
        t0 = time.perf_counter()
        for _ in pool.imap(parallel.process_one, articles, chunksize=8):
            pass
        multi = len(articles) / (time.perf_counter() - t0)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "workers": workers,
        "single_articles_per_s": round(single, 1),
        "parallel_articles_per_s": round(multi, 1),
        "speedup": round(multi / single, 2),
        "worker_peak_mb": round(children, 1),
    }


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_bench(args: argparse.Namespace) -> int:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # figures per core: the tagger's matrix code may not use a second one
        return _run_bench(args)


def _run_bench(args: argparse.Namespace) -> int:
    corpora = Path(args.corpora) if args.corpora else DEFAULT_CORPORA.resolve()
    if not corpora.exists():
        raise InputError(str(corpora), "corpora folder not found; pass --corpora DIR")
    stages = tuple(args.stages.split(",")) if args.stages else default_stages()
    t0 = time.perf_counter()
    sets = _load(corpora, args.limit)
    load_s = time.perf_counter() - t0
    results = {"stages": list(stages), "load_seconds": round(load_s, 2), "corpora": {}}
    warm = Pipeline(stages)
    for articles in sets.values():  # first use loads word lists and models: keep it out of the figures
        warm(articles[0])
    for name, articles in sets.items():
        pipeline = Pipeline(stages)
        chars = sum(len(a.original) for a in articles)
        t0 = time.perf_counter()
        for a in articles:
            pipeline(a)
        total = time.perf_counter() - t0
        text_time = sum(t for s, t in pipeline.timings.items() if s in TEXT_STAGES)
        results["corpora"][name] = {
            "articles": len(articles),
            "text_layer_articles_per_s": round(len(articles) / text_time, 1) if text_time else None,
            "mean_chars": round(chars / len(articles)),
            "articles_per_s": round(len(articles) / total, 1),
            "per_stage_articles_per_s": {s: round(len(articles) / t, 1) if t else None for s, t in pipeline.timings.items()},
            "per_stage_ms_per_article": {s: round(1000 * t / len(articles), 3) for s, t in pipeline.timings.items()},
        }
    if getattr(args, "workers", 0) and args.workers > 1:
        results["workers"] = _bench_workers([a for arts in sets.values() for a in arts], stages, args.workers)
    results["peak_memory_mb"] = round(_peak_mb(), 1)
    if getattr(args, "store", False):
        from rasad.store.bench import run as store_run

        paths = [str(corpora / "news-fa-farsnews" / "farsnews.jsonl"), *map(str, sorted((corpora / "news-ar-saudinewsnet").glob("*.zip")))]
        results["store"] = store_run(paths, db=args.db, limit=args.limit)
    if getattr(args, "large", 0):
        from rasad.store.bench_large import build, measure

        paths = [str(corpora / "news-fa-farsnews" / "farsnews.jsonl"), *map(str, sorted((corpora / "news-ar-saudinewsnet").glob("*.zip")))]
        db = args.large_db or "rasad-bench-large.db"
        results["large_store"] = {"db": db, "build": build(db, n=args.large, source_paths=paths), "search": measure(db)}
    if getattr(args, "serve", False) or getattr(args, "serve_url", None):
        from rasad.api.load import run as load_run

        served = [a for arts in sets.values() for a in arts[:SERVE_ARTICLES]]
        results["serve"] = load_run(url=args.serve_url, db=args.db, articles=served,
                                    clients=args.clients, seconds=args.seconds)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"stages: {', '.join(stages)}   (one process, one core; loading took {load_s:.1f}s)")
    for name, r in results["corpora"].items():
        print(f"\n{name}: {r['articles']} articles, {r['mean_chars']} characters on average")
        print(f"  end to end      {r['articles_per_s']:>9.1f} articles/s")
        if r["text_layer_articles_per_s"]:
            print(f"  text layer      {r['text_layer_articles_per_s']:>9.1f} articles/s  ({', '.join(s for s in stages if s in TEXT_STAGES)})")
        for s in stages:
            print(f"  {s:15} {r['per_stage_articles_per_s'][s] or 0:>9.1f} articles/s  {r['per_stage_ms_per_article'][s]:>8.3f} ms/article")
    if "workers" in results:
        w = results["workers"]
        print(f"\nworkers: 1 process {w['single_articles_per_s']:.1f} articles/s; {w['workers']} processes {w['parallel_articles_per_s']:.1f} articles/s"
              f" ({w['speedup']:.2f}x); peak memory per worker {w['worker_peak_mb']} MB")
    print(f"\npeak memory: {results['peak_memory_mb']} MB")
    if "store" in results:
        from rasad.store.bench import format_report

        print("\n" + format_report(results["store"]))
    if "large_store" in results:
        m = results["large_store"]["search"]
        print(f"\nlarge store ({args.large:,} articles, {results['large_store']['db']}): search p50 {m['p50_ms']} ms, "
              f"p95 {m['p95_ms']} ms; {m['bytes_per_article']:,} bytes per article")
    if "serve" in results:
        from rasad.api.load import format_report as load_report

        print("\n" + load_report(results["serve"]))
        failures = results["serve"]["failures"]
        if failures:
            print(f"  {len(failures)} failed requests, first: {failures[0]}")
    sys.stdout.flush()
    return 0
