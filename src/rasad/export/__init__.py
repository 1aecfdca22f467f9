"""Exports: the store as JSON Lines, CSV or Parquet tables, PLOVER event records, and the meeting network
as GEXF or GraphML.

    >>> from rasad import export
    >>> export.export("news.db", "parquet", "out/")          # out/articles.parquet, out/events.parquet ...
    >>> export.export("news.db", "gexf", "meetings.gexf", date_from="2024")

Modules: tables (what each table holds), plover (PLOVER records; mappings in plover.json), graph (GEXF
and GraphML), writers (files, and the ``export`` call). docs/analysis.md describes the formats.
"""

from __future__ import annotations

from rasad.export.writers import FORMATS, ExportError, ExportReport, export

__all__ = ["FORMATS", "ExportError", "ExportReport", "export"]
