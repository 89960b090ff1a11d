"""Helpers for crawler tests: run the crawl commands in a subprocess, read the database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLI = REPO / "tests" / "crawler_cli.py"

# Fast, still polite in shape: tests use sub-second delays against their own local server.
FAST = ("--delay", "0", "--concurrency", "4")


def cli_args(db: Path, *args: str) -> list[str]:
    return [sys.executable, str(CLI), *args[:1], "--db", str(db), *args[1:]]


def run_cli(db: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run ``newsintel <command> --db db args...`` (the crawl commands alone) and return it."""
    result = subprocess.run(
        cli_args(db, *args), capture_output=True, text=True, timeout=timeout, cwd=REPO
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def rows(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def stored_urls(db: Path) -> list[str]:
    return [str(r[0]) for r in rows(db, "select url from pages where error is null")]


def _direct_child(sources: object, settings: object, names: dict[str, str], out: object) -> None:
    from crawler.engine import crawl

    pages: list[object] = []
    asked: list[str] = []

    def resolve(host: str) -> tuple[str, ...]:
        asked.append(host)
        return (names[host],) if host in names else ()

    report = crawl(sources, settings, pages.append, resolve=resolve)  # type: ignore[arg-type]
    out.put((report, pages, asked))  # type: ignore[attr-defined]


def crawl_direct(
    sources: list[object], settings: object, names: dict[str, str], timeout: float = 90
) -> tuple[object, list[object], list[str]]:
    """Run ``crawler.crawl`` in a child process whose resolver is the ``names`` table.

    Returns the report, the pages handed to the sink and the host names resolved.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    child = ctx.Process(target=_direct_child, args=(sources, settings, names, out))
    child.start()
    try:
        return out.get(timeout=timeout)  # type: ignore[no-any-return]
    finally:
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
