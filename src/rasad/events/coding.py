"""What statements do: PLOVER coding of quotes, topics from the taxonomy, and the speaker's stance.

* :func:`topics_of` tags a text with the topics of lang/common/topics.json whose keywords it holds.
* :func:`stance_of` reads the speaker's stance (for / against) on the first topic whose stance cues fit,
  and leaves it empty when none do or both do.
* :func:`code_quote` turns a quote into a PLOVER event (DEMAND, SUPPORT, DISAPPROVE, THREATEN...) when a
  rule of lang/*/events.json fits, with the speaker as source and, as target, the first actor the
  statement names after what triggered the rule (not the speaker, not a place where something happens).
"""

from __future__ import annotations

from rasad.doc import Actor, Quote
from rasad.events.lexicon import LANGS, Lexicon, Rule, lexicon, topic_finder, topics
from rasad.events.view import View
from rasad.text.keys import match_key

TARGET_TYPES = ("PER", "ORG", "GPE")
TARGET_WINDOW = 80  # characters around what fired a rule where its target is named


def topics_of(text_key: str, lang: str) -> tuple[str, ...]:
    """The ids of the topics whose keywords occur in ``text_key`` (match-key text), in taxonomy order."""
    finder = topic_finder(lang) if lang in LANGS else None
    if finder is None:
        return ()
    pattern, names = finder
    found = {names[m.lastgroup] for m in pattern.finditer(text_key)}
    return tuple(t.id for t in topics() if t.id in found)


def stance_of(text_key: str, lang: str, topic_ids: tuple[str, ...]) -> str | None:
    """'for' or 'against' the subject of the first topic whose stance cues fit, else None."""
    by_id = {t.id: t for t in topics()}
    for tid in topic_ids:
        t = by_id[tid]
        pro, con = t.stance_for.get(lang), t.stance_against.get(lang)
        is_for = bool(pro and pro.search(text_key))
        is_against = bool(con and con.search(text_key))
        if is_for != is_against:
            return "for" if is_for else "against"
    return None


def _cue_key(cue: str, lex: Lexicon) -> str:
    k = match_key(cue).replace(" ", "")
    if lex.lang == "ar" and len(k) > 3 and k[0] in "وف" and k[1:] in lex.speech_cues:
        k = k[1:]
    return k


def rule_for(quote: Quote, text_key: str, lex: Lexicon) -> tuple[Rule, int] | None:
    """The first coding rule that fits the quote, with the key offset (in ``text_key``) of what fired it
    (0 when the cue fired it)."""
    cue = _cue_key(quote.cue, lex)
    for rule in lex.rules:
        if cue in rule.cues:
            return rule, 0
        if rule.patterns is not None:
            m = rule.patterns.search(text_key)
            if m:
                return rule, m.start()
    return None


def _target(view: View, quote: Quote, after_key: int, speaker: str | None) -> str | None:
    """The first actor named in the statement at or after key offset ``after_key`` (else the nearest
    one before it) that is not the speaker, the speaker's country, an outlet or merely a place."""
    qs, qe = view.to_key(quote.start), view.to_key(quote.end)
    own = next((a.country for a in view.article.actors if a.id == speaker), None)
    candidates = []
    for m in view.mentions_in(qs, qe):
        actor: Actor = m.actor
        if actor.id == speaker or actor.id in view.media or actor.type not in TARGET_TYPES:
            continue
        if own and view.is_country(actor) and actor.country == own:
            continue  # 'Iran' in an Iranian's statement is seldom its target
        if actor.type == "GPE" and not view.is_country(actor) and m.kind != "adjective":
            continue  # a city is where things happen, seldom whom a statement is about
        candidates.append(m)
    at = qs + after_key
    after = [m for m in candidates if at <= m.ks <= at + TARGET_WINDOW]
    before = [m for m in candidates if at - TARGET_WINDOW <= m.ks < at]
    pick = after[0] if after else (before[-1] if before else None)
    return pick.id if pick else None


def code_quote(view: View, quote: Quote, lang: str) -> tuple[str, str | None, tuple[str, ...]] | None:
    """(PLOVER type, target actor id, topics) for a quote by a known speaker that a rule fits, else None."""
    if lang not in LANGS or quote.speaker is None:
        return None
    lex = lexicon(lang)
    qs, qe = view.to_key(quote.start), view.to_key(quote.end)
    text_key = view.key[qs:qe]
    found = rule_for(quote, text_key, lex)
    if found is None:
        return None
    rule, at = found
    return rule.type, _target(view, quote, at, quote.speaker), quote.topics


def quote_language(view: View, quote: Quote) -> str:
    """The language of the paragraph that holds the quote."""
    qs = view.to_key(quote.start)
    for ps, pe, lang in view.paragraphs:
        if ps <= qs < pe:
            return lang if lang in LANGS else (view.article.language or "")
    return view.article.language or ""

