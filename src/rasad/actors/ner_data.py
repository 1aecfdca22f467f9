"""Data for the statistical entity tagger: CoNLL readers, label maps, the dev split, the scorer.

Everything here is plain Python (no model, no CRF library), so the readers and the scorer can be tested
and reused by ``rasad.eval`` without loading a model.

A *sentence* is a ``(tokens, tags)`` pair of equal-length lists; tags are BIO strings. Readers keep
the corpus's own tags; :func:`map_tags` turns them into Rasad's labels (PER, ORG, LOC).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rasad.errors import GoldFileError
from rasad.text.keys import match_key
from rasad.text.normalize import PERSIAN_VERB_PREFIXES, persian_verb_endings

Sentence = tuple[list[str], list[str]]

# The shared corpora folder sits beside the repository (as for `rasad bench`); --corpora overrides it.
DEFAULT_CORPORA = Path("..") / "shared" / "corpora"
TRAIN_FILES = {"fa": "ner-fa-arman/train.txt", "ar": "ner-ar-anercorp/train.txt"}

# Corpus entity type -> Rasad label; a type absent from the map becomes O.
# Arman: fac (airports, mosques, buildings) is kept as LOC (the dev comparison is in MODEL_CARD.md);
# pro (products) and event are dropped. ANERcorp: MISC is dropped.
LABEL_MAPS: dict[str, dict[str, str]] = {
    "fa": {"pers": "PER", "org": "ORG", "loc": "LOC", "fac": "LOC"},
    "ar": {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"},
}
# The union, for reading files whose scheme is not known in advance (tag_conll, evaluate).
ANY_SCHEME = {
    "pers": "PER", "per": "PER", "person": "PER", "org": "ORG", "organization": "ORG",
    "loc": "LOC", "location": "LOC", "gpe": "LOC", "fac": "LOC",
}
LABELS = ("PER", "ORG", "LOC")

# ANERcorp has no reliable sentence breaks: a sentence ends after one of these tokens.
SENTENCE_FINAL = frozenset({".", "!", "?", "؟", "...", "…"})
# A run of tokens with no sentence-final mark is cut at this length (the tagger's context is local).
MAX_SENTENCE = 200


# --------------------------------------------------------------------------------------------- reading


def read_conll_lines(lines: Iterable[str], source: str = "<conll>") -> Iterator[Sentence]:
    """Sentences from ``token [TAG]`` lines, blank lines between sentences (tag ``O`` when absent).

    The tag is the last column (ANERcorp's corrected files carry a third column before it only in
    rare cases; a second column is always the tag). Lines starting with ``-DOCSTART-`` are skipped.
    """
    tokens: list[str] = []
    tags: list[str] = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        parts = line.split()
        if not parts:
            if tokens:
                yield tokens, tags
                tokens, tags = [], []
            continue
        if parts[0] == "-DOCSTART-":
            continue
        if len(parts) > 3:
            raise GoldFileError(
                f"{source}:{lineno}: expected 'token' or 'token TAG', got {len(parts)} columns: {line!r}",
                value=line,
            )
        tokens.append(parts[0])
        tags.append(parts[1] if len(parts) > 1 else "O")
    if tokens:
        yield tokens, tags


def read_conll(path: str | Path) -> list[Sentence]:
    """All sentences of a CoNLL file (blank-line delimited), tags as written."""
    with open(path, encoding="utf-8") as fh:
        return list(read_conll_lines(fh, str(path)))


def split_on_punctuation(sentences: Iterable[Sentence], max_len: int = MAX_SENTENCE) -> Iterator[Sentence]:
    """Re-cut token runs after sentence-final tokens (never inside an entity), and every ``max_len``."""
    for tokens, tags in sentences:
        start = 0
        for i, tok in enumerate(tokens):
            nxt = tags[i + 1] if i + 1 < len(tags) else "O"
            inside = nxt.startswith("I-")
            if (tok in SENTENCE_FINAL and not inside) or (i + 1 - start >= max_len and not inside):
                yield tokens[start : i + 1], tags[start : i + 1]
                start = i + 1
        if start < len(tokens):
            yield tokens[start:], tags[start:]


def read_arman(path: str | Path) -> list[Sentence]:
    """ArmanPersoNER: ``token TAG`` (IOB, lower-case types), one blank line after each sentence."""
    return read_conll(path)


def read_anercorp(path: str | Path) -> list[Sentence]:
    """ANERcorp: ``token TAG`` (IOB2), sentences cut on sentence-final punctuation."""
    return list(split_on_punctuation(read_conll(path)))


READERS = {"fa": read_arman, "ar": read_anercorp}


# ------------------------------------------------------------------------------------------- labels


def map_tags(tags: Sequence[str], mapping: dict[str, str]) -> list[str]:
    """Corpus tags -> Rasad BIO tags: types outside ``mapping`` become O; the result is valid IOB2.

    An ``I-`` that does not continue an entity of the same (mapped) type opens one (``B-``), which is
    how IOB1 files and annotation slips are read (seqeval does the same).
    """
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            prev = "O"
            continue
        prefix, _, typ = tag.partition("-")
        label = mapping.get(typ)
        if label is None or prefix not in ("B", "I", "E", "S"):
            out.append("O")
            prev = "O"
            continue
        if prefix in ("I", "E") and prev == label:
            out.append("I-" + label)
        else:
            out.append("B-" + label)
        prev = label
    return out


def scheme_of(tags: Iterable[str], lang: str | None = None) -> dict[str, str]:
    """For a file's own tags, Rasad label -> the file's type name (e.g. PER -> pers, PER -> PERS).

    When several of the file's types map to one label (Arman's loc and fac both to LOC), the most
    frequent one is used. A label the file does not show (a sample with no person in it) takes the
    name from the training corpus of ``lang`` (pers / PERS), in the case the file writes its types
    in; without ``lang``, or when the file shows no known type at all, it stays missing.
    """
    counts = Counter(t.partition("-")[2] for t in tags if t != "O" and "-" in t)
    out: dict[str, str] = {}
    for typ, _ in counts.most_common():
        label = ANY_SCHEME.get(typ.lower())
        if label and label not in out:
            out[label] = typ
    if out and lang in LABEL_MAPS:
        lower = all(name.islower() for name in out.values())
        for typ, label in LABEL_MAPS[lang].items():
            out.setdefault(label, typ.lower() if lower else typ.upper())
    return out


def train_file(lang: str, corpora: str | Path | None = None) -> Path:
    """The training file of ``lang`` in the corpora folder; says where it was looked for when absent."""
    if lang not in READERS:
        raise GoldFileError(f"no entity corpus for language {lang!r}; use one of {sorted(READERS)}", value=lang)
    path = Path(corpora or DEFAULT_CORPORA) / TRAIN_FILES[lang]
    if not path.is_file():
        raise GoldFileError(
            f"training file for {lang!r} not found at {path}; pass the shared corpora folder with --corpora",
            value=str(path),
        )
    return path


def load_sentences(lang: str, path: str | Path | None = None, corpora: str | Path | None = None) -> list[Sentence]:
    """A training file (default: the corpus of ``lang``) read with the language's reader, mapped to Rasad labels."""
    path = path or train_file(lang, corpora)
    sents = READERS[lang](path)
    mapping = LABEL_MAPS[lang]
    return [(toks, map_tags(tags, mapping)) for toks, tags in sents]


# ------------------------------------------------------------------------------------------- tokens


@lru_cache(maxsize=300_000)
def fold(token: str) -> str:
    """The form the model sees: the match key, or the token itself where the key is empty (ـ, ء)."""
    key = match_key(token).replace(" ", "_")
    return key or token


# Words (letters, digits, marks, joiners; 1.5 and 1,000 stay whole) or single other characters.
_TOKEN_RE = re.compile(
    r"[^\W_](?:[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f]|[.,٫٬/](?=\d))*"
    r"|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+|\S"
)


def tokenize(text: str) -> list[tuple[int, int]]:
    """Word and punctuation tokens of ``text`` as ``(start, end)`` character offsets."""
    return list(map(re.Match.span, token_matches(text, 0, len(text))))


def token_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The tokens of ``text[start:end]`` as matches, their offsets into ``text`` (a story's sentences are
    read in place, not cut out first)."""
    return list(_TOKEN_RE.finditer(text, start, end))


# -------------------------------------------------------------------------------------------- split

DEV_BLOCK = 20  # sentences per block
DEV_EVERY = 10  # every 10th block is dev


def split_train_dev(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Deterministic 90/10 split: runs of DEV_BLOCK consecutive sentences, every DEV_EVERY-th run is dev.

    Whole runs (rather than every 10th sentence) keep a story's neighbouring sentences, which repeat
    its names, on one side of the split, so the dev score is not flattered by near-duplicates.
    """
    train: list[Sentence] = []
    dev: list[Sentence] = []
    for i, sent in enumerate(sentences):
        (dev if (i // DEV_BLOCK) % DEV_EVERY == DEV_EVERY - 1 else train).append(sent)
    return train, dev


# ------------------------------------------------------------------------------------------ scoring


def entity_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Exact entity spans ``(start, end, label)`` (token indices, end exclusive) of IOB2/IOB1 tags."""
    spans: set[tuple[int, int, str]] = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and typ == label and start >= 0
        if start >= 0 and not continues:
            spans.add((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and typ and not continues:
            start, label = i, typ
    return spans


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "support": self.tp + self.fn, "predicted": self.tp + self.fp,
        }


def score_entities(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], labels: Iterable[str] | None = None
) -> dict[str, dict[str, float | int]]:
    """seqeval-style exact-span entity P/R/F1 per type and ``overall`` (micro) over ``labels``.

    ``gold`` and ``pred`` are per-sentence tag lists of equal lengths. With ``labels`` None every
    type seen in either side is scored.
    """
    counts: dict[str, list[int]] = {}
    for g_tags, p_tags in zip(gold, pred, strict=True):
        if len(g_tags) != len(p_tags):
            raise GoldFileError(f"sentence length differs: gold {len(g_tags)} tokens, predicted {len(p_tags)}")
        g, p = entity_spans(g_tags), entity_spans(p_tags)
        for span in g | p:
            c = counts.setdefault(span[2], [0, 0, 0])
            c[0 if span in g and span in p else (1 if span in p else 2)] += 1
    keep = sorted(counts) if labels is None else list(labels)
    result = {lab: Score(*counts.get(lab, [0, 0, 0])).to_json() for lab in keep}
    total = [sum(counts.get(lab, [0, 0, 0])[k] for lab in keep) for k in range(3)]
    result["overall"] = Score(*total).to_json()
    return result


# ------------------------------------------------------------------------------------ language guess

_PERSIAN_LETTERS = re.compile("[پچژگیک]")
_FA_WORDS = frozenset("را که این است می برای با شد یک آن ها اند کرد خود بود نیز".split())
_AR_WORDS = frozenset("في من على إلى الى الذي التي أن هذا هذه عن مع كان قد التى".split())


def guess_language(tokens: Iterable[str]) -> str:
    """``fa`` or ``ar`` for a run of tokens: Persian-only letters and function words against Arabic ones."""
    fa = ar = 0
    for tok in tokens:
        fa += len(_PERSIAN_LETTERS.findall(tok)) + 3 * (tok in _FA_WORDS)
        ar += 3 * (tok in _AR_WORDS) + (len(tok) > 3 and tok.startswith(("ال", "وال", "بال")))
        ar += tok.count("ة") + tok.count("ى")
    return "fa" if fa > ar else "ar"


# ----------------------------------------------------------------------------------- raw news text

def news_files(lang: str, corpora: str | Path | None = None) -> list[Path]:
    """The raw news files of ``lang`` in the corpora folder (Fars News; five days of SaudiNewsNet)."""
    root = Path(corpora or DEFAULT_CORPORA)
    if lang == "fa":
        files = [root / "news-fa-farsnews" / "farsnews.jsonl"]
    else:
        files = sorted((root / "news-ar-saudinewsnet").glob("*.zip"))
    if not files or not all(p.is_file() for p in files):
        raise GoldFileError(f"raw news for {lang!r} not found under {root}; pass --corpora", value=str(root))
    return files


def news_texts(lang: str, corpora: str | Path | None = None) -> Iterator[str]:
    """Paragraph texts of the shared raw news corpus for ``lang`` (for word vectors), in file order."""
    import json
    import zipfile

    for path in news_files(lang, corpora):
        if path.suffix == ".jsonl":
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    parts = [rec.get("title"), rec.get("abstract"), *(rec.get("paragraphs") or [])]
                    yield from (t for t in parts if t)
        else:
            with zipfile.ZipFile(path) as zf:
                for name in sorted(zf.namelist()):
                    for rec in json.loads(zf.read(name)):
                        parts = [rec.get("title"), *(rec.get("content") or "").split("\n")]
                        yield from (t for t in parts if t)


# Arabic proclitics in match-key spelling, longest first; (prefix, what replaces it). لل is ل + ال.
_WITH_ARTICLE = ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل")
_BARE = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_PROCLITICS = [(fold(p), "ال") for p in _WITH_ARTICLE] + [(fold(p), "") for p in _BARE]


def clitic_norms(freq: Counter[str], min_count: int = 5, min_word: int = 2) -> dict[str, str]:
    """Arabic word -> its form without proclitics (وبالرياض -> الرياض), learnt from corpus counts.

    A prefix is split off only when what remains is a word seen at least ``min_count`` times and
    more often than the whole, so بغداد, لبنان and فرويد keep their first letter. Words seen fewer
    than ``min_word`` times are left out (they would bloat the table for little gain).
    """
    norms: dict[str, str] = {}
    for word, n in freq.items():
        if n < min_word:
            continue
        for prefix, replacement in _PROCLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                rest = replacement + word[len(prefix) :]
                if freq.get(rest, 0) >= max(min_count, n + 1):
                    norms[word] = rest
                    break
    return norms


def raw_corpus(lang: str, corpora: str | Path | None = None) -> list[list[str]]:
    """Folded tokens of the raw news of ``lang`` plus the train split, one list per paragraph."""
    corpus = [[fold(p[s:e]) for s, e in tokenize(p)] for p in news_texts(lang, corpora)]
    corpus += [[fold(t) for t in toks] for toks, _ in split_train_dev(load_sentences(lang, corpora=corpora))[0]]
    return corpus


# Words that stand right before a person's name in Arabic news: titles, ranks, professions and the like.
# A word seen after one of them, or after the first name that follows one, is a name more often than not.
NAME_CUES = {
    "ar": (
        "الأمير الأميرة الملك الشيخ الشيخة الدكتور الدكتورة د المهندس المهندسة الأستاذ الأستاذة اللواء العميد "
        "العقيد الفريق المقدم الرائد النقيب السيد السيدة المواطن المواطنة الزميل الزميلة اللاعب المدرب الفنان "
        "الفنانة الشاعر الكاتب الداعية الإمام معالي سمو المستشار القاضي المحامي النائب السفير الحاج الطفل الطفلة "
        "الشاب الشهيد الراحل المرحوم المخرج الممثل الروائي الباحث الصحفي المصور الحارس المهاجم الكابتن المطرب "
        "المغني الرئيس الوزير المتهم الجاني الإرهابي المطلوب"
    ).split(),
}
# Words between the parts of one name (محمد بن سلمان, أبو بكر): the word after one continues the name.
NAME_LINKS = {"ar": "بن بنت ابن أبو أبي أم آل".split()}


def _share(seen: int, total: int) -> str | None:
    """How much of a word's use is in a name's place: h(igh), m(edium), l(ow), or None (too rare to say)."""
    if total < 3 or not seen:
        return None
    share = seen / total
    return "h" if share >= 0.3 else "m" if share >= 0.1 else "l" if share >= 0.02 else None


def name_positions(corpus: Iterable[Sequence[str]], lang: str, norms: dict[str, str]) -> dict[str, dict[str, str]]:
    """From raw text, how often each word stands where a person's name does: ``first`` right after a cue
    word (:data:`NAME_CUES`: 'الأمير محمد'), ``next`` after such a first name or after a link word that
    follows one ('محمد بن سلمان'). Values are :func:`_share` grades. Empty for a language without cues."""
    cues = {fold(w) for w in NAME_CUES.get(lang, ())}
    if not cues:
        return {"first": {}, "next": {}}
    links = {fold(w) for w in NAME_LINKS.get(lang, ())}
    total: Counter[str] = Counter()
    first: Counter[str] = Counter()
    following: Counter[str] = Counter()
    for para in corpus:
        words = [norms.get(t, t) for t in para]
        for i, word in enumerate(words):
            total[word] += 1
            if not i:
                continue
            before = words[i - 1]
            if before in cues:
                first[word] += 1
                if i + 1 < len(words) and words[i + 1] not in cues and words[i + 1] not in links:
                    following[words[i + 1]] += 1
            elif before in links and i > 1 and (words[i - 2] in first or words[i - 2] in following):
                following[word] += 1
    grade = lambda counts: {w: g for w, n in counts.items() if (g := _share(n, total[w]))}  # noqa: E731
    return {"first": grade(first), "next": grade(following)}


# Words right before a place's name: 'محافظة المندق', 'حي العنود', 'شهرستان سمیرم'. Persian 'بخش' (also
# 'sector': 'بخش خصوصی'), Arabic 'مركز' ('centre', 'position') and 'قضاء' (also 'judiciary', 'fulfilling':
# 'قضاء حوائجهم') are left out.
PLACE_CUES = {
    "ar": "مدينة محافظة بلدة قرية هجرة مديرية ناحية حي وادي جبل منطقة جزيرة ميناء مطار قاعدة شارع".split(),
    "fa": "شهر روستای روستا استان شهرستان دهستان منطقه خیابان کوه دریاچه جزیره بندر فرودگاه شهرک".split(),
}
MIN_PLACE_COUNT = 3  # times a word is seen right after a place word...
MIN_PLACE_SHARE = 0.3  # ...and the share of its uses that is


def place_positions(corpus: Iterable[Sequence[str]], lang: str, norms: dict[str, str]) -> list[str]:
    """From raw text, the words (stems) written right after a place word (:data:`PLACE_CUES`) at least
    :data:`MIN_PLACE_COUNT` times and in :data:`MIN_PLACE_SHARE` of their uses or more: place names the
    knowledge base may lack ('المندق', 'الدالوة', 'سمیرم'), learnt without labels. An indefinite Arabic
    adjective ('ثقافي', 'ساحلية') is no name."""
    cues = {fold(w) for w in PLACE_CUES.get(lang, ())}
    total, after = _counts_after(corpus, norms, cues, stemmed=True)
    return sorted(
        w for w, n in after.items()
        if n >= MIN_PLACE_COUNT and n / total[w] >= MIN_PLACE_SHARE and len(w) >= 3 and w.isalpha() and w not in cues
        and not (lang == "ar" and not w.startswith("ال") and w.endswith(("ی", "یه")))
    )


def _counts_after(
    corpus: Iterable[Sequence[str]], norms: dict[str, str], heads: set[str], *, stemmed: bool
) -> tuple[Counter[str], Counter[str]]:
    """How often the raw text writes each word (stem), and how often right after one of ``heads`` (the
    word before compared by its stem, or as written when not ``stemmed``)."""
    total: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for para in corpus:
        words = [norms.get(t, t) for t in para]
        total.update(words)
        after.update(w for before, w in zip(words if stemmed else para, words[1:]) if before in heads)
    return total, after


MIN_EVERYDAY_COUNT = 5  # a word the raw news writes this often...
MAX_SURNAME_SHARE = 0.2  # ...and seldomer than this right after a foreign given name is an everyday word


def everyday_words(corpus: Iterable[Sequence[str]], lang: str, norms: dict[str, str]) -> list[str]:
    """From raw text, the words (stems) written at least :data:`MIN_EVERYDAY_COUNT` times and in less than
    :data:`MAX_SURNAME_SHARE` of their uses right after a foreign given name (``lang/common/
    foreign_given_names.json``): after such a name one of them is no surname ('إليزابيث أيضا', 'برانکو
    همکاری'), while 'تسيبراس' after 'ألكسيس' is. Learnt without labels, like :func:`place_positions`."""
    total, after = _counts_after(corpus, norms, set(foreign_given_keys(lang)), stemmed=False)
    return sorted(w for w, n in total.items() if n >= MIN_EVERYDAY_COUNT and after[w] / n < MAX_SURNAME_SHARE)


# Persian light verbs (past#present stems): with a noun or adjective before them they make compound verbs
# ('منتشر کرد', 'رخ داد', 'زحمت کشیدند'), whose first word a name the tagger runs on into does not hold.
LIGHT_VERB_STEMS = {"fa": ("کرد#کن", "شد#شو", "نمود#نما", "گردید#گرد", "داشت#دار", "داد#ده", "گرفت#گیر", "زد#زن",
                           "یافت#یاب", "ساخت#ساز", "کشید#کش", "آورد#آور", "خورد#خور", "گشت#گرد")}
MIN_PREVERB_COUNT = 5  # a word the raw news writes this often...
MIN_PREVERB_SHARE = 0.5  # ...and at least this share of the time right before a light verb is a compound verb's first word


@cache
def light_verbs(lang: str | None) -> frozenset[str]:
    """The folded forms of the language's light verbs, bare or with a verb prefix ('میکند', 'نشد'); a bare
    present stem ('کن', 'ده') is no verb form."""
    past_endings, present_endings = persian_verb_endings()
    forms = set()
    for pair in LIGHT_VERB_STEMS.get(lang or "", ()):
        past, present = pair.split("#")
        stems = [past + e for e in past_endings] + [present + e for e in present_endings if e]
        forms.update(fold(prefix + stem) for stem in stems for prefix in ("", *PERSIAN_VERB_PREFIXES))
    return frozenset(forms)


def preverbs(corpus: Iterable[Sequence[str]], lang: str) -> list[str]:
    """From raw text, the words written at least :data:`MIN_PREVERB_COUNT` times and in
    :data:`MIN_PREVERB_SHARE` of their uses or more right before a light verb (:func:`light_verbs`): the
    first words of compound verbs ('منتشر', 'اعلام', 'رخ'), learnt without labels. None for a language
    without light verbs listed."""
    light = light_verbs(lang)
    if not light:
        return []
    total: Counter[str] = Counter()
    before: Counter[str] = Counter()
    for para in corpus:
        total.update(para)
        before.update(w for w, nxt in zip(para, para[1:]) if nxt in light)
    return sorted(w for w, n in total.items() if n >= MIN_PREVERB_COUNT and before[w] / n >= MIN_PREVERB_SHARE
                  and w.isalpha() and w not in light)


# The grades of a word of the person-name lists (the values of the tagger's ``gn`` feature): a given name, a
# given name that is an everyday word too ('أمل', 'امید'), a family name, a family name that is an everyday
# word too ('بیات')
GIVEN, GIVEN_WORD, FAMILY, FAMILY_WORD = "1", "w", "f", "v"


@cache
def native_names(lang: str | None) -> dict[str, frozenset[str]]:
    """The folded spellings of the given and family names of ``lang/<lang>/person_names.json``, by grade
    (:data:`GIVEN`, :data:`GIVEN_WORD`, :data:`FAMILY`, :data:`FAMILY_WORD`). Empty grades where the
    language has no such file (or is unknown: None)."""
    from importlib import resources

    grades: dict[str, set[str]] = {GIVEN: set(), GIVEN_WORD: set(), FAMILY: set(), FAMILY_WORD: set()}
    path = resources.files("rasad") / "lang" / lang / "person_names.json" if lang in ("fa", "ar") else None
    if path is not None and path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        for section, plain, word in (("given", GIVEN, GIVEN_WORD), ("family", FAMILY, FAMILY_WORD)):
            for entry in data.get(section, ()):
                grades[word if entry.get("word") else plain].update(fold(n) for n in entry["names"] if fold(n))
    grades[GIVEN] -= grades[GIVEN_WORD]  # a spelling of a name and of a word ('هناء', 'هنا': folded alike) is a word
    grades[FAMILY] -= grades[FAMILY_WORD] | grades[GIVEN_WORD]
    return {grade: frozenset(words) for grade, words in grades.items()}


@lru_cache(maxsize=4)
def foreign_given_keys(lang: str) -> frozenset[str]:
    """The folded spellings of ``lang`` of the foreign given names in ``lang/common/foreign_given_names.json``."""
    from rasad.text.chars import read_data

    return frozenset(fold(n) for entry in read_data("common/foreign_given_names.json")["names"] for n in entry.get(lang, ()))


# How the raw news writes a word (word_forms): an Arabic word with or without 'ال', a Persian one with or
# without a plural or possessive ending. A name seldom changes so: 'بغداد' is never 'البغداد' and 'ظریف' is
# seldom 'ظریفها', where 'وزير' is 'الوزير' half the time and 'کتاب' is 'کتابها'. This is the capital letter
# these scripts lack, learnt without labels.
FORM_SUFFIXES = {"fa": tuple(fold(x) for x in ("ها", "های", "هایی", "ی", "ش", "شان", "م"))}
MIN_FORM_COUNT = 5  # uses of a word's forms together before its grade is given
MIN_FORM_LETTERS = 3  # letters of the word without 'ال'


def form_key(stem: str, lang: str) -> str:
    """The key of :func:`word_forms` for a stem: Arabic without its 'ال', Persian as it is."""
    return stem[2:] if lang == "ar" and stem.startswith("ال") else stem


def _form_grade(share: float) -> str:
    return "0" if share < 0.02 else "l" if share < 0.15 else "m" if share < 0.5 else "h"


def word_forms(corpus: Iterable[Sequence[str]], lang: str) -> dict[str, str]:
    """From raw text, per word (:func:`form_key`), how much of its use is the other form: Arabic, the
    share written with 'ال'; Persian, the share with an ending of :data:`FORM_SUFFIXES`. Graded 0 (under
    2%), l (15%), m (50%) or h; words seen fewer than :data:`MIN_FORM_COUNT` times are left out."""
    total = Counter(t for para in corpus for t in para)
    out = {}
    for word in total:
        if lang == "ar":
            base = form_key(word, lang)
            other, plain = total.get("ال" + base, 0), total.get(base, 0)
        else:
            base = word
            other, plain = sum(total.get(base + x, 0) for x in FORM_SUFFIXES.get(lang, ())), total[base]
        if len(base) >= MIN_FORM_LETTERS and other + plain >= MIN_FORM_COUNT and base not in out:
            out[base] = _form_grade(other / (other + plain))
    return dict(sorted(out.items()))


MIN_GIVEN_COUNT = 2  # a person's first word seen this often in the training file's names...
MIN_GIVEN_SHARE = 0.5  # ...and at least this share of its uses there: 'جون', 'رضا', not 'سید' or 'ال'
MIN_GIVEN_CHARS = 3


def given_names_of(sentences: Iterable[Sentence]) -> list[str]:
    """The first words of the names (PER, mapped labels) of two words or more in ``sentences`` that are
    mostly used so (folded, sorted): given names the knowledge base may lack ('جون', 'الکسندر', 'رضا')."""
    first: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for toks, tags in sentences:
        keys = [fold(t) for t in toks]
        uses.update(keys)
        for start, end, label in entity_spans(tags):
            if label == "PER" and end - start >= 2:
                first[keys[start]] += 1
    return sorted(
        k for k, n in first.items()
        if n >= MIN_GIVEN_COUNT and n / uses[k] >= MIN_GIVEN_SHARE and len(k) >= MIN_GIVEN_CHARS and k.isalpha()
    )
