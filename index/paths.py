"""Files the database points at (WARC archives) are stored relative to the database file.

A relative path keeps the build machine's directories out of the database (and out of a
published bundle) and lets the database move together with its WARC folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database

__all__ = ["database_dir", "relative_to_db", "resolve_from_db"]


def database_dir(db: Database) -> Path | None:
    """Return the directory of the database's main file (None in memory)."""
    for _, name, file in db.execute("pragma database_list").fetchall():
        if name == "main":
            return Path(file).parent if file else None
    return None


def relative_to_db(db: Database, path: str | None) -> str | None:
    """Return ``path`` as stored: relative to the database's directory when it is absolute."""
    directory = database_dir(db)
    if not path or directory is None or not os.path.isabs(path):
        return path
    return os.path.relpath(path, directory)


def resolve_from_db(db: Database, stored: str | None) -> str | None:
    """Return the absolute path of a stored (database-relative) path."""
    directory = database_dir(db)
    if not stored or directory is None or os.path.isabs(stored):
        return stored
    return os.path.normpath(directory / stored)
