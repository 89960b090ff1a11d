"""Typed tables: rebuild a table as SQLite ``STRICT`` without losing a row.

SQLite keeps text in an INTEGER column unless the table is ``STRICT``; then every writer (the
extractor's save, shard merges, imports, hand-written SQL) gets an error instead of planting
``'<script>'`` as a year. A rebuild keeps every row and every column (including columns added
by later migrations) and sets to NULL only the values the column's type cannot hold.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlite_utils import Database

__all__ = ["STRICT_TABLES", "make_strict", "rebuild_table"]

log = logging.getLogger(__name__)

# Every table a researcher reads or a merge writes; crawl bookkeeping is typed by the crawler.
STRICT_TABLES = (
    "pages",
    "articles",
    "entities",
    "index_facts",
    "fact_candidates",
    "percentages",
    "initiatives",
    "stories",
    "story_articles",
    "chunks",
    "chunked_articles",
    "embeddings",
)

# The storage classes (typeof) a STRICT column of each declared type accepts as they are.
_ACCEPTS = {
    "INTEGER": ("integer",),
    "INT": ("integer",),
    "REAL": ("integer", "real"),
    "FLOAT": ("integer", "real"),
    "TEXT": ("integer", "real", "text"),
    "BLOB": ("blob",),
}


def _declared(db: Database, table: str) -> dict[str, str]:
    return {row[1]: (row[2] or "").upper() for row in db.execute(f"pragma table_info([{table}])")}


def _null_misfits(db: Database, table: str) -> int:
    """Set to NULL each value its column's type cannot hold; return how many were cleared."""
    cleared = 0
    for column, declared in _declared(db, table).items():
        accepts = _ACCEPTS.get(declared)
        if accepts is None:
            continue
        kinds = ", ".join(f"'{kind}'" for kind in accepts)
        cursor = db.execute(
            f"update [{table}] set [{column}] = null "
            f"where [{column}] is not null and typeof([{column}]) not in ({kinds})"
        )
        if cursor.rowcount:
            log.warning(
                "%s.%s: %d values of the wrong type set to NULL", table, column, cursor.rowcount
            )
            cleared += cursor.rowcount
    return cleared


def _is_strict(db: Database, table: str) -> bool:
    row = db.execute("select strict from pragma_table_list where name = ?", [table]).fetchone()
    return bool(row and row[0])


def make_strict(db: Database, table: str) -> int:
    """Rebuild ``table`` as STRICT, keeping rows, rowids, indexes and triggers.

    Returns:
        The number of values set to NULL because their column's type could not hold them.
    """
    if not db[table].exists() or _is_strict(db, table):
        return 0
    cleared = _null_misfits(db, table)
    rebuild_table(db, table, strict=True)
    return cleared


def rebuild_table(db: Database, table: str, **changes: Any) -> None:
    """Run sqlite-utils' ``transform(**changes)`` on ``table`` and restore its triggers.

    ``transform()`` copies rows, rowids and indexes but drops triggers (the FTS ones).
    """
    triggers = [
        row[0]
        for row in db.execute(
            "select sql from sqlite_master where type = 'trigger' and tbl_name = ?", [table]
        )
    ]
    db[table].transform(**changes)  # type: ignore[union-attr]
    for sql in triggers:
        db.execute(sql)
