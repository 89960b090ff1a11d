"""The embedding model a server loads is configuration, never data.

The plugin loads only the model it is configured with (``plugins.newsintel.model``, which
``newsintel serve --model`` and ``newsintel publish --model`` write; the default model
otherwise), whatever model name the database records. A model that fails to load is not
tried again by this process, and when the database's vectors were made by another model,
or the model is unavailable, searches answer with full-text results and a notice saying why.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from index.embeddings import DEFAULT_MODEL, Embedder, EmbedderError, get_embedder
from index.search import stored_model
from index.vectors import VectorIndex, vector_index_path

__all__ = ["VectorSetup", "load_model", "vector_setup"]

log = logging.getLogger(__name__)

_LOADED: dict[str, Embedder | str] = {}  # spec -> the model, or why it could not load
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class VectorSetup:
    """What vector search can use for one request, or why it cannot (``notice``)."""

    embedder: Embedder | None
    vectors: VectorIndex | None
    notice: str | None = None


def load_model(spec: str) -> Embedder | str:
    """Return the model named by ``spec``, or the reason it cannot load (remembered)."""
    with _LOCK:
        if spec not in _LOADED:
            try:
                _LOADED[spec] = get_embedder(spec)
            except (EmbedderError, ImportError, OSError, RuntimeError) as exc:
                log.warning("embedding model %s unavailable: %s", spec, exc)
                _LOADED[spec] = f"{type(exc).__name__}: {exc}"
        return _LOADED[spec]


@cache
def _vectors(path: str, dim: int, mtime: float) -> VectorIndex | None:
    index_path = Path(path)
    return VectorIndex.open(index_path, dim, view=True) if index_path.exists() else None


def vector_setup(conn: Any, db_path: str | None, configured: str | None) -> VectorSetup:
    """Return the model and vector file for searching the database on ``conn``.

    Args:
        conn: a connection to the database.
        db_path: its file (the vector index file sits beside it); None in memory.
        configured: the allowed model (``plugins.newsintel.model``); None means the default.
    """
    spec = configured or DEFAULT_MODEL
    stored = stored_model(conn)
    if stored is None:
        return VectorSetup(None, None, "This database has no vectors: full-text results only.")
    model = load_model(spec)
    if isinstance(model, str):
        notice = f"The server's embedding model ({spec}) is unavailable: full-text results only."
        return VectorSetup(None, None, notice)
    if model.name != stored[0]:
        notice = (
            f"This database's vectors were made with another model than the server's "
            f"({model.name}): full-text results only."
        )
        return VectorSetup(None, None, notice)
    if not db_path:
        return VectorSetup(model, None)
    path = vector_index_path(db_path, model.name)
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return VectorSetup(model, _vectors(str(path), stored[1], mtime))
