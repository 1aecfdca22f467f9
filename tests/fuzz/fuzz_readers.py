"""Coverage-guided fuzzing of the readers (targets.read_target): bytes -> decode -> text, HTML, JSON,
JSON Lines or zip -> Articles and InputErrors, never an exception.

    .venv/bin/python tests/fuzz/fuzz_readers.py CORPUS_DIR -max_total_time=60 -max_len=20000
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
    from seeds import fill, reader_seeds

    targets.warm_up()

if __name__ == "__main__":
    for arg in sys.argv[1:]:
        if not arg.startswith("-") and not Path(arg).is_file():
            fill(Path(arg), reader_seeds())
    atheris.Setup(sys.argv, targets.read_target)
    atheris.Fuzz()
