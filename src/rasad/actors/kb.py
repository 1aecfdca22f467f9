"""The actor knowledge base: YAML files under actors/kb/ (format: docs/knowledge-base.md).

``load_kb()`` reads them once into a :class:`KB`: entries by id, an index of every name variant's
match key, the office kinds with their titles, and who held which office when. ``check_kb()`` is what
`rasad kb check` runs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasad.errors import DataFileError
from rasad.text.keys import match_key

TYPES = ("PER", "ORG", "GPE", "LOC")
LANGS = ("fa", "ar")


def low(date: str) -> str:
    """The first day a partial ISO date can mean: '2013' -> '2013-01-01'."""
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def high(date: str) -> str:
    """The last day a partial ISO date can mean: '2013' -> '2013-12-31', '2013-09' -> '2013-09-31'."""
    return date + "-12-31"[len(date) - 4 :] if len(date) < 10 else date


@dataclass(frozen=True, slots=True)
class Office:
    kind: str
    country: str | None
    org: str | None
    start: str | None
    end: str | None

    def covers(self, date: str | None) -> bool:
        """Whether the office was held on ``date`` (ISO; a year or year-month start or end covers
        the whole year or month)."""
        if date is None:
            return False
        if self.start and high(date) < low(self.start):
            return False
        if self.end and low(date) > high(self.end):
            return False
        return True


@dataclass(frozen=True, slots=True)
class OfficeKind:
    kind: str
    en: str
    titles: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    name: dict[str, str]
    country: str | None = None
    parent: str | None = None
    wikidata: str | None = None
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    adjectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ambiguous: tuple[str, ...] = ()
    # forms listed under `ambiguous: {ar: [...]}`: ambiguous only in these languages (match key -> languages)
    ambiguous_in: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offices: tuple[Office, ...] = ()
    note: str | None = None
    file: str = ""
    stray_name_keys: tuple[str, ...] = ()  # keys of `name` that are no language: an unquoted comma in the English

    def all_names(self) -> list[str]:
        names = [self.name.get(lang) for lang in LANGS]
        for lang in LANGS:
            names += list(self.variants.get(lang, ()))
        return [n for n in dict.fromkeys(names) if n]


@dataclass(frozen=True, slots=True)
class NameRef:
    """One knowledge-base name: the entry it belongs to and how it names it."""

    entry_id: str
    ambiguous: bool = False
    adjective: bool = False
    langs: tuple[str, ...] = ()  # an ambiguous name or an adjective listed for these languages only is read only in them

    def reads_in(self, language: str | None) -> bool:
        return not (self.langs and language and language not in self.langs)


@dataclass
class KB:
    entries: dict[str, Entry]
    kinds: dict[str, OfficeKind]
    countries: dict[str, str]
    names: dict[str, list[NameRef]]
    holders: dict[tuple[str, str], list[tuple[Office, str]]]
    country_entity: dict[str, str]

    def office_title(self, office: Office) -> str:
        """'Minister of Defence (Iraq)': an office in English for the analyst."""
        kind = self.kinds.get(office.kind)
        title = kind.en if kind else office.kind.replace("_", " ")
        if office.org and office.org in self.entries:
            return f"{title} of {self.entries[office.org].name.get('en', office.org)}"
        if office.country:
            return f"{title} of {self.countries.get(office.country, office.country)}"
        return title

    def holders_on(self, kind: str, scope: str, date: str | None) -> list[str]:
        """Ids of people who held ``kind`` for ``scope`` (a country code or org id) on ``date``."""
        return [pid for office, pid in self.holders.get((kind, scope), []) if office.covers(date)]


def kb_dir() -> Path:
    return Path(str(resources.files("rasad") / "actors" / "kb"))


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path.name}: cannot read YAML: {exc}", value=str(path)) from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataFileError(f"{path.name}: expected a YAML list of entries", value=str(path))
    return data


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def _ambiguous(value: Any) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The forms of `ambiguous` and, where it maps languages to lists (`{ar: [إيلام]}`), each form's match
    key -> the languages it is ambiguous in (Arabic 'إيلام' is also 'inflicting pain'; Persian 'ایلام', the
    same key, is only the city). A plain list is ambiguous in every language."""
    if not isinstance(value, dict):
        return _strs(value), {}
    langs: dict[str, list[str]] = defaultdict(list)
    for lang in LANGS:
        for form in _strs(value.get(lang)):
            langs[match_key(form)].append(lang)
    forms = tuple(dict.fromkeys(f for lang in LANGS for f in _strs(value.get(lang))))
    return forms, {k: tuple(v) for k, v in langs.items()}


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def _entry(raw: dict[str, Any], file: str) -> Entry:
    offices = tuple(
        Office(str(o.get("kind")), o.get("country"), o.get("org"), _date(o.get("start")), _date(o.get("end")))
        for o in raw.get("offices") or []
    )
    ambiguous, ambiguous_in = _ambiguous(raw.get("ambiguous"))
    return Entry(
        id=str(raw.get("id")),
        type=str(raw.get("type")),
        name={k: str(v) for k, v in (raw.get("name") or {}).items() if v},
        stray_name_keys=tuple(str(k) for k in (raw.get("name") or {}) if k not in ("en", *LANGS)),
        country=raw.get("country"),
        parent=raw.get("parent"),
        wikidata=raw.get("wikidata"),
        variants={lang: _strs((raw.get("variants") or {}).get(lang)) for lang in LANGS},
        adjectives={lang: _strs((raw.get("adjectives") or {}).get(lang)) for lang in LANGS},
        ambiguous=ambiguous,
        ambiguous_in=ambiguous_in,
        offices=offices,
        note=raw.get("note"),
        file=file,
    )


def read_files(directory: Path) -> tuple[list[Entry], dict[str, OfficeKind], dict[str, str]]:
    kinds: dict[str, OfficeKind] = {}
    for raw in _read_yaml(directory / "offices.yaml"):
        kinds[raw["kind"]] = OfficeKind(raw["kind"], raw.get("en", raw["kind"]), {lang: _strs(raw.get(lang)) for lang in LANGS})
    countries = {str(c["code"]): str(c.get("en", c["code"])) for c in _read_yaml(directory / "countries.yaml")}
    entries: list[Entry] = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name in ("offices.yaml", "countries.yaml"):
            continue
        entries += [_entry(raw, path.name) for raw in _read_yaml(path) if isinstance(raw, dict)]
    return entries, kinds, countries


def build(entries: list[Entry], kinds: dict[str, OfficeKind], countries: dict[str, str]) -> KB:
    by_id = {e.id: e for e in entries}
    names: dict[str, list[NameRef]] = defaultdict(list)
    holders: dict[tuple[str, str], list[tuple[Office, str]]] = defaultdict(list)
    country_entity: dict[str, str] = {}
    for e in entries:
        ambiguous = {match_key(a) for a in e.ambiguous}
        listed = _languages_of_names(e)
        for n in e.all_names():
            key = match_key(n)
            if key and not any(r.entry_id == e.id for r in names[key]):
                scoped = e.ambiguous_in.get(key)
                if scoped:  # ambiguous in some languages, plain in the others that list it
                    names[key].append(NameRef(e.id, ambiguous=True, langs=scoped))
                    plain = tuple(lang for lang in listed[key] if lang not in scoped)
                    if plain:
                        names[key].append(NameRef(e.id, langs=plain))
                else:
                    names[key].append(NameRef(e.id, ambiguous=key in ambiguous, langs=listed[key] if key in ambiguous else ()))
        for a in ambiguous - {match_key(n) for n in e.all_names()}:
            names[a].append(NameRef(e.id, ambiguous=True, langs=e.ambiguous_in.get(a, ())))
        for lang in LANGS:
            for adj in e.adjectives.get(lang, ()):
                key = match_key(adj)
                if key and not any(r.entry_id == e.id for r in names[key]):
                    # an adjective is a word of its language: Arabic 'مجرية' (Hungarian) is Persian 'مجریه' (executive)
                    names[key].append(NameRef(e.id, ambiguous=key in ambiguous, adjective=True, langs=listed[key]))
        for office in e.offices:
            scope = office.org or office.country
            if scope:
                holders[(office.kind, scope)].append((office, e.id))
        if e.type == "GPE" and e.country and e.country not in country_entity and not e.parent:
            country_entity[e.country] = e.id
    return KB(by_id, kinds, countries, dict(names), dict(holders), country_entity)


def _languages_of_names(e: Entry) -> dict[str, tuple[str, ...]]:
    """Each name key of an entry -> the languages whose lists give it: Persian 'مدینه' is Medina, the same
    letters in Arabic ('مدينة') are 'a city', so an ambiguous name is read only in its own languages."""
    out: dict[str, list[str]] = defaultdict(list)
    for lang in LANGS:
        for n in [e.name.get(lang), *e.variants.get(lang, ()), *e.adjectives.get(lang, ())]:
            key = match_key(n) if n else ""
            if key and lang not in out[key]:
                out[key].append(lang)
    return {k: tuple(v) for k, v in out.items()}


@cache
def load_kb() -> KB:
    entries, kinds, countries = read_files(kb_dir())
    return build(entries, kinds, countries)


def check_kb(directory: str | None = None) -> tuple[list[str], str]:
    """Problems in the knowledge-base files (each 'file: id: what is wrong'), and a one-line summary."""
    path = Path(directory) if directory else kb_dir()
    entries, kinds, countries = read_files(path)
    problems: list[str] = []
    seen: dict[str, Entry] = {}
    owners: dict[str, list[tuple[Entry, bool]]] = defaultdict(list)
    for e in entries:
        where = f"{e.file}: {e.id}"
        if e.id in seen:
            problems.append(f"{where}: duplicate id (also in {seen[e.id].file})")
        seen[e.id] = e
        if e.type not in TYPES:
            problems.append(f"{where}: type {e.type!r} is not one of {', '.join(TYPES)}")
        if not e.name.get("en"):
            problems.append(f"{where}: no English name (name.en)")
        if e.stray_name_keys:
            problems.append(f"{where}: name has keys that are no language ({', '.join(e.stray_name_keys)}): quote a name with a comma")
        if not any(e.name.get(lang) or e.variants.get(lang) for lang in LANGS):
            problems.append(f"{where}: no Persian or Arabic name")
        if e.country and e.country not in countries:
            problems.append(f"{where}: unknown country {e.country!r} (add it to countries.yaml or fix the code)")
        ambiguous = {match_key(a) for a in e.ambiguous}
        for key in {match_key(n) for n in e.all_names()}:
            owners[key].append((e, key in ambiguous))
    for e in entries:
        where = f"{e.file}: {e.id}"
        if e.parent and e.parent not in seen:
            problems.append(f"{where}: parent {e.parent!r} is not an id in the knowledge base")
        spans: dict[tuple[str, str], list[Office]] = defaultdict(list)
        for o in e.offices:
            if o.kind not in kinds:
                problems.append(f"{where}: office kind {o.kind!r} is not in offices.yaml")
            if o.org and o.org not in seen:
                problems.append(f"{where}: office org {o.org!r} is not an id in the knowledge base")
            if o.country and o.country not in countries:
                problems.append(f"{where}: office country {o.country!r} is unknown")
            if not (o.org or o.country):
                problems.append(f"{where}: office {o.kind!r} needs a country or an org")
            if o.start and o.end and high(o.end) < low(o.start):
                problems.append(f"{where}: office {o.kind!r} ends ({o.end}) before it starts ({o.start})")
            spans[(o.kind, o.org or o.country or "")].append(o)
        for (kind, scope), offices in spans.items():
            offices = sorted(offices, key=lambda o: o.start or "")
            for a, b in zip(offices, offices[1:]):
                if a.end is None or (b.start and low(b.start) < low(a.end)):
                    problems.append(f"{where}: offices {kind} ({scope}) overlap: {a.start}-{a.end} and {b.start}-{b.end}")
    for key, holders in owners.items():
        ids = {e.id for e, _ in holders}
        if len(ids) > 1 and any(key in e.ambiguous_in for e, _ in holders):
            problems.append(f"variant {key!r} names {', '.join(sorted(ids))}: a form shared by two entries is ambiguous in every language (a list under `ambiguous`, not a mapping)")
        elif len(ids) > 1 and not all(amb for _, amb in holders):
            unmarked = sorted(e.id for e, amb in holders if not amb)
            problems.append(f"variant {key!r} names {', '.join(sorted(ids))}: list it under `ambiguous` in {', '.join(unmarked)}")
    by_type: dict[str, int] = defaultdict(int)
    for e in entries:
        by_type[e.type] += 1
    stats = f"{len(entries)} entries ({', '.join(f'{t} {n}' for t, n in sorted(by_type.items()))}), {len(kinds)} office kinds"
    return problems, stats
