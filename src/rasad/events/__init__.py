"""Events and quotes: who met whom, when and where (PLOVER CONSULT), who said what, and what the
statements do (PLOVER coding, topics, stance). The stages are in :mod:`rasad.events.stage`."""

from rasad.events.stage import event_stage, quote_stage

__all__ = ["event_stage", "quote_stage"]
