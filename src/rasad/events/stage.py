"""The two pipeline stages of rasad.events: ``quotes`` (after ``actors``) and ``events`` (after ``quotes``).

``quote_stage`` fills ``article.quotes`` (each with its topics and stance); ``event_stage`` fills
``article.events``: the meetings (PLOVER CONSULT) first, then the statements a coding rule fits, each with
its one-line English summary. Ids are stable within an article: ``{id}:q{n}`` and ``{id}:e{n}``.
"""

from __future__ import annotations

import dataclasses

from rasad.doc import Article, Event, Quote
from rasad.events.coding import code_quote, quote_language, stance_of, topics_of
from rasad.events.meetings import Meeting, find_meetings
from rasad.events.quotes import find_quotes
from rasad.events.summary import summarize
from rasad.events.view import view_of


def quote_stage(article: Article) -> Article:
    if not article.paragraphs:
        return article.evolve(quotes=())
    view = view_of(article)
    out = []
    for q in find_quotes(article, view):
        lang = quote_language(view, q)
        text_key = view.key[view.to_key(q.start) : view.to_key(q.end)]
        found = topics_of(text_key, lang)
        out.append(dataclasses.replace(q, topics=found, stance=stance_of(text_key, lang, found)))
    return article.evolve(quotes=tuple(out))


def event_stage(article: Article) -> Article:
    if not article.paragraphs:
        return article.evolve(events=())
    view = view_of(article)
    actors = {a.id: a for a in article.actors}
    events: list[Event] = []

    def add(**fields) -> None:
        event = Event(id=f"{article.id}:e{len(events) + 1}", **fields)
        events.append(dataclasses.replace(event, summary_en=summarize(event, actors)))

    meetings = find_meetings(article, view)
    for m in meetings:
        evidence = article.span(*m.evidence)
        lang = article.language or ""
        add(type="CONSULT", evidence=evidence, mode=m.mode, participants=tuple(m.participants),
            attendees=tuple(m.attendees), date=m.date, date_precision=m.date_precision, location=m.location,
            planned=m.planned, topics=topics_of(view.key[view.to_key(evidence.start) : view.to_key(evidence.end)], lang))
    for q in article.quotes:
        coded = code_quote(view, q, quote_language(view, q))
        if coded is None:
            continue
        type_, target, topics = coded
        context = _statement_context(q, meetings)
        add(type=type_, evidence=article.span(q.start, q.end), source=q.speaker, target=target,
            date=context.date if context else None, date_precision=context.date_precision if context else None,
            location=context.location if context else None, topics=topics, quote=q.id)
    return article.evolve(events=tuple(events))


def _statement_context(quote: Quote, meetings: list[Meeting]) -> Meeting | None:
    """The held meeting the speaker took part in, reported before the statement: its date and place
    are the statement's."""
    for m in meetings:
        if not m.planned and quote.speaker in m.participants and m.evidence[0] <= quote.start:
            return m
    return None
