"""Outlets and source agencies, from lang/common/outlets.json.

The outlet is the site that published the article (its URL's domain, the record's source, or the
dateline at the head of the story: "پیام خوزستان - ", "طهران(إسنا) - "); the source agency is the one
the story credits ("به گزارش ایسنا", "نقلا عن وكالة سانا") when that differs from the outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from rasad.doc import Article, Normalized, OutletRef, make_span
from rasad.text.chars import read_data
from rasad.text.keys import key_text, match_key

DATELINE_WINDOW = 70
CUE_WINDOW = 90
_CUES = re.compile(
    r"(به گزارش|بنابر گزارش|بنا بر گزارش|به نقل از|نقلا عن|نقلا عن وکاله|افادت|ذکرت|اعلنت|بحسب|وفقا ل|حسب)", re.I
)


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str
    domains: tuple[str, ...]
    corpus_sources: tuple[str, ...]


@cache
def _outlets() -> tuple[dict[str, Outlet], re.Pattern[str], dict[str, str]]:
    data = read_data("common/outlets.json")["outlets"]
    by_id: dict[str, Outlet] = {}
    by_key: dict[str, str] = {}
    for o in data:
        by_id[o["id"]] = Outlet(o["id"], o["en"], tuple(o.get("domains", ())), tuple(o.get("corpus_source", ())))
        for name in [*o.get("fa", ()), *o.get("ar", ())]:
            by_key.setdefault(match_key(name).replace(" ", ""), o["id"])
    names = sorted({match_key(n) for o in data for n in [*o.get("fa", ()), *o.get("ar", ())]}, key=len, reverse=True)
    alternation = "|".join(r"\s?".join(re.escape(part) for part in n.split(" ")) for n in names if n)
    regex = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")
    return by_id, regex, by_key


def outlet_by_url(url: str | None) -> Outlet | None:
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.lower()
    best = None
    for outlet in _outlets()[0].values():
        for domain in outlet.domains:
            d_host, _, d_path = domain.partition("/")
            if (host == d_host or host.endswith("." + d_host)) and path.startswith("/" + d_path if d_path else "/"):
                if best is None or len(domain) > best[0]:
                    best = (len(domain), outlet)
    return best[1] if best else None


def outlet_by_source(source: str | None) -> Outlet | None:
    if not source:
        return None
    for outlet in _outlets()[0].values():
        if source == outlet.id or source in outlet.corpus_sources:
            return outlet
    return None


def _names_in(keyed: Normalized, start: int, end: int) -> list[tuple[int, int, str]]:
    by_id, regex, by_key = _outlets()
    return [(m.start(), m.end(), by_key[m.group(0).replace(" ", "")]) for m in regex.finditer(keyed.text, start, end)]


def _names_source(text: str, cue_end: int, hit: tuple[int, int, str]) -> bool:
    """Whether an outlet name found after a report cue is the report's source: a whole word, with no
    other Arabic definite noun between the cue and it. 'بحسب البوابة العربية للأخبار' is a portal, not
    Al Arabiya; 'به گزارش گروه سیاسی خبرگزاری فارس' (a desk's name between) still is Fars."""
    start, end, _ = hit
    if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
        return False
    return not any(word.startswith("ال") for word in text[cue_end:start].split())


def _ref(article: Article, keyed: Normalized, base: int, hit: tuple[int, int, str]) -> OutletRef:
    s, e = keyed.to_original(hit[0], hit[1])
    span = make_span(article.original, base + s, base + e)
    return OutletRef(hit[2], _outlets()[0][hit[2]].name, span.start, span.end, span.text)


def _slice(article: Article, start: int, end: int) -> Normalized:
    """The key text of original[start:end], from the article's key text when the layout made one."""
    if article.keyed is None:
        return key_text(article.original[start:end])
    ks, ke = article.keyed.from_original(start, end)
    return Normalized(article.keyed.text[ks:ke], tuple(o - start for o in article.keyed.offsets[ks : ke + 1]))


def find_outlets(article: Article) -> Article:
    """Set ``outlet`` and ``agency`` from the URL, the record's source, the dateline and report cues."""
    outlet: OutletRef | None = None
    known = outlet_by_url(article.url) or outlet_by_source(article.record.get("outlet"))
    if known:
        outlet = OutletRef(known.id, known.name)
    head = [p for p in ([article.lead] if article.lead else []) + list(article.paragraphs[:4])]
    agency: OutletRef | None = None
    for para in head:
        base = para.start
        keyed = _slice(article, para.start, para.end)
        window = keyed.text[:DATELINE_WINDOW]
        for hit in _names_in(keyed, 0, len(window)):
            rest = keyed.text[hit[1] : hit[1] + 4]
            if re.match(r"\s*\)?\s*[-–—:]", rest) and outlet is None:
                outlet = _ref(article, keyed, base, hit)
                break
        for cue in _CUES.finditer(keyed.text):
            hits = [h for h in _names_in(keyed, cue.end(), min(len(keyed.text), cue.end() + CUE_WINDOW)) if _names_source(keyed.text, cue.end(), h)]
            if hits:
                ref = _ref(article, keyed, base, hits[0])
                if outlet is None:
                    outlet = ref
                elif ref.id != outlet.id and agency is None:
                    agency = ref
                break
        if agency or (outlet and outlet.start is not None):
            break
    return article.evolve(outlet=outlet, agency=agency)
