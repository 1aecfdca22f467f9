"""The pages' own scripts and styles. Only the files shipped in web/static/ are served: the name asked
for is looked up in a table made from that folder at start-up, never joined to a path, so no name
(``../``, ``%2e%2e``, an absolute path, a link) reaches another file."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response

from rasad.api.errors import ApiError

router = APIRouter(include_in_schema=False)
FOLDER = Path(__file__).parent / "static"
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}


def _table() -> dict[str, Path]:
    return {p.name: p for p in FOLDER.iterdir() if p.is_file() and not p.is_symlink() and p.suffix in TYPES}


FILES = _table()


@router.get("/static/{name:path}")
def static_file(name: str) -> Response:
    path = FILES.get(name)
    if path is None:
        raise ApiError(404, f"no static file {name!r}", code="not_found")
    return Response(path.read_bytes(), media_type=TYPES[path.suffix], headers={"Cache-Control": "public, max-age=3600"})
