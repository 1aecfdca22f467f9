"""Regenerate src/rasad/lang/ar/alef_maqsura.txt from ANERcorp's training split.

Lists word stems (without their last letter) that Arabic newswire ends with alef maqsura (ى) more often
than with yeh (ي): إلى، على، حتى، مستوى... Rasad uses it to write a final Persian ی in Arabic text
correctly. ANERcorp (CAMeL Lab split, MIT repository licence; CC BY-SA 4.0 upstream).
Run: python scripts/build_ar_lexicon.py [path/to/ner-ar-anercorp/train.txt]
"""

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/corpora/ner-ar-anercorp/train.txt"
OUT = ROOT / "src/rasad/lang/ar/alef_maqsura.txt"


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    counts: Counter[str] = Counter()
    for line in src.read_text("utf-8").splitlines():
        if line.split():
            counts[line.split()[0]] += 1
    maqsura: Counter[str] = Counter()
    yeh: Counter[str] = Counter()
    for word, n in counts.items():
        if word.endswith("ى"):
            maqsura[word[:-1]] += n
        elif word.endswith("ي"):
            yeh[word[:-1]] += n
    stems = sorted(w for w, n in maqsura.items() if n >= 2 and n > yeh.get(w, 0))
    header = "# Stems ending in alef maqsura in ANERcorp (MIT / CC BY-SA 4.0); built by scripts/build_ar_lexicon.py\n"
    OUT.write_text(header + "\n".join(stems) + "\n", encoding="utf-8")
    print(f"{len(stems)} stems -> {OUT}")


if __name__ == "__main__":
    main()
