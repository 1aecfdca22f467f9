"""(Run from the repository root.) Deterministic selection of held-out articles for the actor test sets.

Rule: text 600-2,200 characters with at least two office words, in no set already drawn; the eligible
record names are sorted as plain strings and shuffled by a fresh random.Random(SEED) per language; the first
N of each language are taken (Fars News first, then SaudiNewsNet).

    python eval/select_heldout.py 4242 corpus_dev.json corpus_test.json               # corpus_test2.json
    python eval/select_heldout.py 7373 corpus_dev.json corpus_test.json corpus_test2.json   # corpus_test3.json
    python eval/select_heldout.py 9191 corpus_dev.json corpus_test.json corpus_test2.json corpus_test3.json   # test4
    python eval/select_heldout.py 5151 corpus_dev.json corpus_test.json corpus_test2.json corpus_test3.json corpus_test4.json   # test5
    python eval/select_heldout.py 6262 corpus_dev.json corpus_test.json corpus_test2.json corpus_test3.json corpus_test4.json corpus_test5.json   # test6
    python eval/select_heldout.py 8383 corpus_dev.json corpus_test.json corpus_test2.json corpus_test3.json corpus_test4.json corpus_test5.json corpus_test6.json   # test7
    python eval/select_heldout.py 7171 corpus_dev.json corpus_test.json corpus_test2.json corpus_test3.json corpus_test4.json corpus_test5.json corpus_test6.json corpus_test7.json   # test8
    python eval/select_heldout.py SEED SET... --text     # also print the texts (for the annotator)
"""

import json
import random
import re
import sys
import zipfile

CORPORA = "../shared/corpora"
OFFICE = ["نخست‌وزیر", "وزیر", "وزير", "رئیس", "رئيس", "سفیر", "سفير", "أمير", "امير", "سخنگو", "المتحدث"]
OFFICE_RE = re.compile("|".join(map(re.escape, OFFICE)))
PER_LANGUAGE = 8


def texts() -> dict[str, tuple[str, str]]:
    """Record name (as `rasad extract` names it) -> (language, title and text)."""
    out = {}
    with open(f"{CORPORA}/news-fa-farsnews/farsnews.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            r = json.loads(line)
            parts = [r.get("title") or "", r.get("abstract") or ""] + list(r.get("paragraphs") or [])
            out[f"farsnews.jsonl#{i}"] = ("fa", "\n".join(parts))
    for day in range(21, 26):
        with zipfile.ZipFile(f"{CORPORA}/news-ar-saudinewsnet/2015-07-{day}.zip") as z:
            name = z.namelist()[0]
            for i, r in enumerate(json.loads(z.read(name))):
                out[f"{name}#{i}"] = ("ar", (r.get("title") or "") + "\n" + (r.get("content") or ""))
    return out


def eligible(text: str) -> bool:
    return 600 <= len(text) <= 2200 and len(OFFICE_RE.findall(text)) >= 2


def select(seed: int, drawn: list[str]) -> tuple[list[str], dict[str, tuple[str, str]]]:
    used = set()
    for name in drawn:
        with open(f"eval/{name}", encoding="utf-8") as f:
            used |= {d["file"] for d in json.load(f)["documents"]}
    records = texts()
    chosen = []
    for lang in ("fa", "ar"):
        names = sorted(k for k, (lg, t) in records.items() if lg == lang and k not in used and eligible(t))
        random.Random(seed).shuffle(names)
        chosen += names[:PER_LANGUAGE]
    return chosen, records


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--text"]
    chosen, records = select(int(args[0]), args[1:])
    for k in chosen:
        print(k)
    if "--text" in sys.argv:
        for k in chosen:
            print("=" * 30, k, len(records[k][1]))
            print(records[k][1])
