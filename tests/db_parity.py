"""Compare two newsintel databases table by table, whatever tables the schema has today.

Every table is read whole (rows as a multiset, so row order and row ids do not matter),
minus the columns that differ between two equal runs by construction: row ids and the
ids that point at them, timestamps of the run, and tracebacks. Full-text index internals
(FTS5 shadow tables) are left out: their content tables are compared instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlite_utils import Database

# Columns that name a row of this database (ids) or the moment or process of a run.
VOLATILE = frozenset({"at", "applied_at", "detail", "started_at", "finished_at", "discovered_at"})
_FTS_PARTS = ("_config", "_data", "_docsize", "_idx", "_content")


def _is_volatile(column: str) -> bool:
    return column == "id" or column.endswith("_id") or column in VOLATILE


def compared_tables(db: Database) -> list[str]:
    """Return the tables worth comparing: every table but migrations and FTS internals."""
    virtual = {
        str(name)
        for (name,) in db.execute(
            "select name from sqlite_master where type = 'table' and sql like 'create virtual%'"
        )
    }
    names = [str(r[0]) for r in db.execute("select name from sqlite_master where type = 'table'")]
    return sorted(
        n
        for n in names
        if not n.startswith(("_", "sqlite_"))
        and n not in virtual
        and not any(n.endswith(part) and n.removesuffix(part) in virtual for part in _FTS_PARTS)
    )


def table_rows(db: Database, table: str, ignore: Iterable[str] = ()) -> Counter[tuple[object, ...]]:
    """Return the rows of ``table`` without volatile or ignored columns, as a multiset."""
    skip = set(ignore)
    columns = [
        str(r[1])
        for r in db.execute(f"pragma table_info([{table}])")
        if not _is_volatile(str(r[1])) and str(r[1]) not in skip
    ]
    # a table of volatile columns only (chunk ids) is compared by its number of rows
    listed = ", ".join(f"[{c}]" for c in columns) or "1"
    return Counter(tuple(row) for row in db.execute(f"select {listed} from [{table}]"))


def differences(
    one: Database, other: Database, *, ignore: Iterable[str] = (), tables: Iterable[str] = ()
) -> dict[str, str]:
    """Return, per table that differs, a short description of how; empty when equal."""
    ignored = tuple(ignore)
    names = list(tables) or sorted(set(compared_tables(one)) | set(compared_tables(other)))
    found: dict[str, str] = {}
    for table in names:
        left, right = table_rows(one, table, ignored), table_rows(other, table, ignored)
        if left != right:
            only_left, only_right = left - right, right - left
            found[table] = (
                f"{sum(left.values())} vs {sum(right.values())} rows; "
                f"only in the first: {list(only_left)[:2]}; only in the second: "
                f"{list(only_right)[:2]}"
            )[:1500]
    return found


def counts(db: Database) -> dict[str, int]:
    """Return the headline counts: articles, index facts, failures."""
    return {t: db[t].count for t in ("articles", "index_facts", "failures")}
