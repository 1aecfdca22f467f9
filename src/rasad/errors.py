"""One base error for Rasad; each subclass keeps the offending value and says what to do."""

from __future__ import annotations


class RasadError(Exception):
    """Base of every error Rasad raises on purpose. ``code`` is stable and documented."""

    code = "E000"

    def __init__(self, message: str, *, value: object = None) -> None:
        super().__init__(message)
        self.value = value

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class InputError(RasadError):
    """An input could not be read as news text; ``source`` names it."""

    code = "E100"

    def __init__(self, source: str, reason: str, *, value: object = None) -> None:
        super().__init__(f"{source}: {reason}", value=value)
        self.source = source
        self.reason = reason


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class DecodeError(InputError):
    code = "E103"


class TooLarge(InputError):
    code = "E104"


class MalformedRecord(InputError):
    code = "E105"


class UnsupportedInput(InputError):
    code = "E106"


class DataFileError(RasadError):
    """A shipped or user data file (patterns, outlets, knowledge base) is invalid."""

    code = "E200"


class PipelineError(RasadError):
    """A pipeline stage broke its contract (returned something that is not an Article, bad span)."""

    code = "E300"


class GoldFileError(RasadError):
    """A gold or prediction file given to `rasad evaluate` is not in the expected shape."""

    code = "E400"
