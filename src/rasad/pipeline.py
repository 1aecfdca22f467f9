"""The pipeline: named stages run in order, each taking an Article and returning an updated one.

Stages register by name with :func:`stage`; later capabilities (actors, events, quotes) add their own.
The pipeline checks that every stage returns an Article, and (``check=True``) that every span of the
result points at the original text.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rasad.doc import Article, Paragraph, Span
from rasad.errors import PipelineError

StageFn = Callable[[Article], Article]
REGISTRY: dict[str, StageFn] = {}
TEXT_STAGES = ("layout", "language", "normalize", "sentences", "outlets", "dates")
# "tagger" (the statistical entity tagger, after "actors") costs ~4-6 ms an article; `--no-tagger` leaves it out
OPTIONAL_STAGES: tuple[str, ...] = ("actors", "tagger", "quotes", "events")
PARAGRAPH_SAMPLE = 400  # characters of a paragraph read for its language
_SETTLED: set[str | None] = set()  # languages whose first article has loaded their tables in this process


def stage(name: str) -> Callable[[StageFn], StageFn]:
    """Register a stage function under ``name``."""

    def register(fn: StageFn) -> StageFn:
        REGISTRY[name] = fn
        return fn

    return register


def default_stages() -> tuple[str, ...]:
    _register_builtin()
    return TEXT_STAGES + tuple(s for s in OPTIONAL_STAGES if s in REGISTRY)


@dataclass
class Pipeline:
    stages: tuple[str, ...] = field(default_factory=default_stages)
    check: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _register_builtin()
        unknown = [s for s in self.stages if s not in REGISTRY]
        if unknown:
            raise PipelineError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(sorted(REGISTRY))}", value=unknown)

    def __call__(self, article: Article) -> Article:
        for name in self.stages:
            t0 = time.perf_counter()
            out = REGISTRY[name](article)
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0
            if not isinstance(out, Article):
                raise PipelineError(f"stage {name!r} returned {type(out).__name__}, not an Article", value=name)
            article = out
        if article.language not in _SETTLED:
            _settle(article.language)
        if self.check:
            problems = span_problems(article)
            if problems:
                raise PipelineError(f"{article.source}: spans that do not match the original: {problems[:3]}", value=problems)
        return article

    def run(self, articles: Iterable[Article]) -> Iterable[Article]:
        for article in articles:
            yield self(article)


def _settle(language: str | None) -> None:
    """After the first article of a language, the tables its stages loaded (knowledge base, lexicon,
    tagger weights: some 160,000 objects the cyclic collector would otherwise walk again every few
    articles, 2 ms an Arabic article) leave the collector's scans for good (``gc.freeze``). They are
    never garbage; objects still free themselves by reference counting as before."""
    gc.collect()
    gc.freeze()
    _SETTLED.add(language)


def iter_spans(article: Article) -> Iterable[tuple[str, object]]:
    """Every span-like object in the article, with a label saying where it sits."""
    singles = {"lead": article.lead, "news_code": article.news_code, "published": article.published, "outlet": article.outlet, "agency": article.agency}
    for name, obj in singles.items():
        if obj is not None:
            yield name, obj
    for name in ("title_spans", "paragraphs", "removed", "sentences", "dates"):
        for obj in getattr(article, name):
            yield name, obj
    for group in ("actors", "events", "quotes"):
        for item in getattr(article, group):
            for label, obj in getattr(item, "spans", lambda: ())():
                yield f"{group}.{label}", obj


def span_problems(article: Article) -> list[str]:
    problems = []
    for where, obj in iter_spans(article):
        start, end, text = getattr(obj, "start", None), getattr(obj, "end", None), getattr(obj, "text", None)
        if start is None or end is None or text is None:
            continue
        if article.original[start:end] != text:
            problems.append(f"{where} [{start}:{end}] {text[:30]!r}")
    return problems


def normalized_range(article: Article, start: int, end: int) -> tuple[int, int]:
    """The normalised-text range covering original[start:end]."""
    return article.normalized.from_original(start, end)


def _keyed(article: Article, start: int, end: int) -> str | None:
    """The match-key text of original[start:end], cut from the article's key text."""
    if article.keyed is None:
        return None
    ks, ke = article.keyed.from_original(start, end)
    return article.keyed.text[ks:ke]


def normalized_body(article: Article) -> str:
    """The kept paragraphs in normalised form, one blank line apart."""
    if article.normalized is None:
        return article.body
    parts = []
    for p in article.paragraphs:
        a, b = normalized_range(article, p.start, p.end)
        parts.append(article.normalized.text[a:b].strip())
    return "\n\n".join(parts)


# ------------------------------------------------------------------ the text-layer stages

_registered = False


def _register_builtin() -> None:
    global _registered
    if _registered:
        return
    _registered = True
    from rasad.dates.stage import date_stage
    from rasad.meta.outlets import find_outlets
    from rasad.text.langid import detect
    from rasad.text.layout import layout
    from rasad.text.normalize import normalize
    from rasad.text.segment import sentence_spans

    stage("layout")(layout)

    @stage("language")
    def language(article: Article) -> Article:
        paragraphs = []
        votes: dict[str, int] = {}
        for p in article.paragraphs:
            lang = detect(p.text, PARAGRAPH_SAMPLE, _keyed(article, p.start, p.end)) if len(p.text) >= 20 else ""
            paragraphs.append(Paragraph(p.start, p.end, p.text, lang))
            if lang:
                votes[lang] = votes.get(lang, 0) + len(p.text)
        if votes:
            main = max(votes, key=votes.get)
        else:
            main = detect(" ".join([article.title or "", article.original[:2000]]))
        paragraphs = [p if p.language else Paragraph(p.start, p.end, p.text, main) for p in paragraphs]
        return article.evolve(language=main, paragraphs=tuple(paragraphs))

    @stage("normalize")
    def normalize_stage(article: Article) -> Article:
        return article.evolve(normalized=normalize(article.original, article.language))

    @stage("sentences")
    def sentences(article: Article) -> Article:
        out: list[Span] = []
        for p in article.paragraphs:
            out.extend(sentence_spans(article.original, p.start, p.end))
        return article.evolve(sentences=tuple(out))

    stage("outlets")(find_outlets)
    stage("dates")(date_stage)

    from rasad.actors.stage import actor_stage, tagger_stage
    from rasad.events.stage import event_stage, quote_stage

    stage("actors")(actor_stage)
    stage("tagger")(tagger_stage)
    stage("quotes")(quote_stage)
    stage("events")(event_stage)
