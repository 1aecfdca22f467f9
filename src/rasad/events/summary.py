"""The one-line English rendering of an event, built from its structured fields only (no translation):

    2020-11-15, Tehran: Ali Shamkhani (Secretary of the Supreme National Security Council of Iran) met
    Juma Inad Saadoun (Minister of Defence of Iraq).

People are written as their English name with the role the actors stage found for them; organisations and
places by their English name. Parts that are unknown (the date, the place, a role, a target) are left out.
"""

from __future__ import annotations

from collections.abc import Mapping

from rasad.doc import Actor, Event
from rasad.events.lexicon import topics

# what a coded statement did, with and without a target
STATEMENT_VERBS = {
    "DEMAND": ("made demands of {target}", "made a demand"),
    "SUPPORT": ("expressed support for {target}", "expressed support"),
    "DISAPPROVE": ("criticised {target}", "voiced disapproval"),
    "THREATEN": ("warned {target}", "issued a warning"),
    "AGREE": ("expressed readiness to cooperate with {target}", "expressed readiness to cooperate"),
    "COOPERATE": ("called for closer cooperation with {target}", "called for closer cooperation"),
    "REJECT": ("rejected the position of {target}", "voiced rejection"),
}
MEETING_VERBS = {
    "phone": ("spoke by phone with {others}", "is to speak by phone with {others}"),
    "visit": ("met {others}", "is to meet {others}"),
    "host": ("met {others}", "is to meet {others}"),
    "meet": ("met {others}", "is to meet {others}"),
}


def actor_label(actor_id: str | None, actors: Mapping[str, Actor], with_role: bool = True) -> str | None:
    if actor_id is None:
        return None
    actor = actors.get(actor_id)
    if actor is None:
        return actor_id
    name = actor.name.get("en") or actor_id
    role = actor.role or {}
    title = role.get("title") if with_role and actor.type == "PER" else None
    if title and role.get("former"):
        title = f"former {title}"
    return f"{name} ({title})" if title else name


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _prefix(event: Event, actors: Mapping[str, Actor]) -> str:
    place = actor_label(event.location, actors, with_role=False)
    parts = [p for p in (event.date, place) if p]
    return ", ".join(parts) + ": " if parts else ""


def _topic_label(event: Event) -> str | None:
    labels = {t.id: t.en for t in topics()}
    return next((labels[t] for t in event.topics if t in labels), None)


def summarize(event: Event, actors: Mapping[str, Actor]) -> str:
    """The English line for ``event``."""
    head = _prefix(event, actors)
    if event.type == "CONSULT":
        people = [actor_label(p, actors) for p in event.participants]
        if len(people) >= 2:
            held, planned = MEETING_VERBS.get(event.mode or "meet", MEETING_VERBS["meet"])
            line = f"{people[0]} " + (planned if event.planned else held).format(others=_join(people[1:]))
        elif people and event.location:
            place = actor_label(event.location, actors, with_role=False)
            line = f"{people[0]} " + ("is to visit " if event.planned else "visited ") + place
        else:
            line = f"{_join(people)} held talks" if people else "Talks were held"
        if event.attendees:
            line += f", with {_join([actor_label(a, actors) for a in event.attendees])} present"
        return head + line + "."
    source = actor_label(event.source, actors) or "An unnamed source"
    with_target, without = STATEMENT_VERBS.get(event.type, ("acted towards {target}", f"made a {event.type.lower()} statement"))
    target = actor_label(event.target, actors, with_role=False)
    line = f"{source} " + (with_target.format(target=target) if target else without)
    topic = _topic_label(event)
    if topic:
        line += f" on {topic}"
    return head + line + "."
