"""The feeds file: which outlets to follow and how politely (format in docs/watch.md).

    settings:            # optional; every key has a default
      min_delay: 2       # seconds between two requests to one host
    feeds:
      - name: IRNA
        outlet: irna     # an id from lang/common/outlets.json
        language: fa     # fa or ar
        urls: [https://www.irna.ir/rss]
        min_delay: 3     # this feed's hosts are asked less often

Every mistake is reported with the feed and key it concerns and the valid choices.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.errors import DataFileError
from rasad.text.chars import read_data
from rasad.watch.fetch import Politeness
from rasad.watch.urls import clean_url

LANGUAGES = ("fa", "ar")
FEED_KEYS = ("name", "outlet", "language", "urls", "url", "min_delay", "max_pages", "enabled")


@dataclass(frozen=True)
class Feed:
    """One outlet's feeds and sitemaps. ``min_delay`` and ``max_pages`` fall back to the settings."""

    name: str
    outlet: str
    language: str
    urls: tuple[str, ...]
    min_delay: float | None = None
    max_pages: int | None = None
    enabled: bool = True


@dataclass
class Settings:
    """Run-wide settings: the fetcher's politeness plus how much one round may do."""

    politeness: Politeness = field(default_factory=Politeness)
    max_pages: int = 50  # new pages fetched per feed per round; the rest wait for the next round
    max_sitemaps: int = 3  # child sitemaps read from a sitemap index (the most recently changed)
    interval: float = 900.0  # seconds from the start of one round to the start of the next
    retry_delay: float = 600.0  # first pause before a page that failed transiently is tried again
    max_attempts: int = 4  # attempts on such a page before it is given up


@dataclass(frozen=True)
class WatchConfig:
    feeds: tuple[Feed, ...]
    settings: Settings


_POLITENESS = {f.name: f.type for f in dataclasses.fields(Politeness)}
_SETTINGS = {f.name: f.type for f in dataclasses.fields(Settings) if f.name != "politeness"}


def load_feeds(path: str | Path) -> WatchConfig:
    """Read and check a feeds file; raises DataFileError naming the file, the feed and the key."""
    import yaml

    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"cannot read the feeds file {p}: {exc.strerror or exc}", value=str(p)) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"the feeds file {p} is not valid YAML: {exc}", value=str(p)) from exc
    return parse_config(data, str(p))


def parse_config(data: Any, where: str = "<feeds>") -> WatchConfig:
    if not isinstance(data, dict) or not isinstance(data.get("feeds"), list):
        raise DataFileError(f"{where}: expected a mapping with a `feeds:` list (see docs/watch.md)", value=where)
    unknown = sorted(set(data) - {"settings", "feeds"})
    if unknown:
        raise DataFileError(f"{where}: unknown top-level key(s) {', '.join(unknown)}; expected settings and feeds", value=unknown)
    settings = _settings(data.get("settings") or {}, where)
    outlets = {o["id"] for o in read_data("common/outlets.json")["outlets"]}
    feeds = [_feed(i, raw, outlets, where) for i, raw in enumerate(data["feeds"], 1)]
    names = [f.name for f in feeds]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise DataFileError(f"{where}: feed names must be unique; repeated: {', '.join(dupes)}", value=dupes)
    return WatchConfig(tuple(feeds), settings)


def _settings(raw: Any, where: str) -> Settings:
    if not isinstance(raw, dict):
        raise DataFileError(f"{where}: `settings:` must be a mapping", value=raw)
    known = sorted(set(_POLITENESS) | set(_SETTINGS))
    politeness, run = {}, {}
    for key, value in raw.items():
        if key in _POLITENESS:
            politeness[key] = _typed(value, _POLITENESS[key], f"{where}: settings.{key}")
        elif key in _SETTINGS:
            run[key] = _typed(value, _SETTINGS[key], f"{where}: settings.{key}")
        else:
            raise DataFileError(f"{where}: unknown setting {key!r}; known settings: {', '.join(known)}", value=key)
    return Settings(politeness=Politeness(**politeness), **run)


def _typed(value: Any, kind: Any, label: str) -> Any:
    kind = kind if isinstance(kind, str) else kind.__name__
    if kind == "str":
        if not isinstance(value, str) or not value.strip():
            raise DataFileError(f"{label} must be a non-empty string, not {value!r}", value=value)
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise DataFileError(f"{label} must be true or false, not {value!r}", value=value)
        return value
    number = int if kind == "int" else float
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (number is int and value != int(value)):
        raise DataFileError(f"{label} must be a non-negative {'whole ' if number is int else ''}number, not {value!r}", value=value)
    return number(value)


def _feed(index: int, raw: Any, outlets: set[str], where: str) -> Feed:
    label = f"{where}: feed {index}"
    if not isinstance(raw, dict):
        raise DataFileError(f"{label} must be a mapping with name, outlet, language and urls", value=raw)
    if raw.get("name"):
        label += f" ({raw['name']})"
    unknown = sorted(set(raw) - set(FEED_KEYS))
    if unknown:
        raise DataFileError(f"{label}: unknown key(s) {', '.join(map(str, unknown))}; known keys: {', '.join(FEED_KEYS)}", value=unknown)
    for key in ("name", "outlet", "language"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise DataFileError(f"{label}: `{key}` is missing (or not a string)", value=raw.get(key))
    if raw["outlet"] not in outlets:
        raise DataFileError(
            f"{label}: unknown outlet {raw['outlet']!r}; use an id from src/rasad/lang/common/outlets.json (add the outlet there first)",
            value=raw["outlet"],
        )
    if raw["language"] not in LANGUAGES:
        raise DataFileError(f"{label}: language {raw['language']!r} is not one of {', '.join(LANGUAGES)}", value=raw["language"])
    urls = raw.get("urls", [raw["url"]] if "url" in raw else [])
    if isinstance(urls, str):
        urls = [urls]
    if not isinstance(urls, list) or not urls:
        raise DataFileError(f"{label}: `urls` must list at least one feed or sitemap URL", value=urls)
    cleaned = []
    for url in urls:
        c = clean_url(url) if isinstance(url, str) else None
        if c is None:
            raise DataFileError(f"{label}: {url!r} is not an http(s) URL", value=url)
        cleaned.append(c)
    return Feed(
        name=raw["name"].strip(),
        outlet=raw["outlet"],
        language=raw["language"],
        urls=tuple(cleaned),
        min_delay=_typed(raw["min_delay"], "float", f"{label}: min_delay") if "min_delay" in raw else None,
        max_pages=_typed(raw["max_pages"], "int", f"{label}: max_pages") if "max_pages" in raw else None,
        enabled=_typed(raw["enabled"], "bool", f"{label}: enabled") if "enabled" in raw else True,
    )
