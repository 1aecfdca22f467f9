"""Coverage-guided fuzzing of extract (targets.extract_target): text -> the whole pipeline with the span
check on; every span must satisfy original[start:end] == text and the record must serialise.

    .venv/bin/python tests/fuzz/fuzz_extract.py CORPUS_DIR -max_total_time=60 -max_len=4096
    (any libFuzzer flag; an empty CORPUS_DIR is filled with seeds; a crash is written to crash-<hash>,
    and running the harness on that file alone replays it)

tests/test_reliability_fuzz.py runs it for RASAD_FUZZ_SECONDS.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
with atheris.instrument_imports(include=["rasad"]):
    import targets
    from seeds import extract_seeds, fill

    targets.warm_up()

if __name__ == "__main__":
    for arg in sys.argv[1:]:
        if not arg.startswith("-") and not Path(arg).is_file():
            fill(Path(arg), extract_seeds())
    atheris.Setup(sys.argv, targets.extract_target)
    atheris.Fuzz()
