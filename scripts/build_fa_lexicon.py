"""Regenerate src/rasad/lang/fa/words.txt.gz and verbs.txt from hazm's word lists.

hazm (MIT licence, https://github.com/roshan-research/hazm) ships data/words.dat (word, frequency, POS)
and data/verbs.dat (past#present stems). Rasad keeps the words only, for ZWNJ repair and spacing.
Run after `pip install hazm`: python scripts/build_fa_lexicon.py
"""

import gzip
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/rasad/lang/fa"


def main() -> None:
    data = resources.files("hazm") / "data"
    words = sorted({line.split("\t", 1)[0].strip() for line in (data / "words.dat").read_text("utf-8").splitlines() if line.strip()})
    with gzip.open(OUT / "words.txt.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(words) + "\n")
    verbs = [line.strip() for line in (data / "verbs.dat").read_text("utf-8").splitlines() if "#" in line]
    (OUT / "verbs.txt").write_text("\n".join(verbs) + "\n", encoding="utf-8")
    print(f"{len(words)} words, {len(verbs)} verb stems -> {OUT}")


if __name__ == "__main__":
    main()
