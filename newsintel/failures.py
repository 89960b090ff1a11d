"""What a user sees when a command fails: one line, never a traceback unless ``--debug``.

``CommandGroup`` is the ``newsintel`` click group: it runs a command and turns the failures a
user can cause or meet (a missing or unreadable file, a file that is no database, a locked
database, an invalid sources file, a document extraction cannot read, an interrupted run)
into ``Error: <what failed>; <what to do>`` and exit code 1. Usage errors stay click's (exit
2). Anything else is a bug: one line naming it and asking for ``--debug``, which re-raises
so Python prints the traceback.
"""

from __future__ import annotations

import sqlite3
import tomllib
from typing import Any

import click

from crawler.errors import CrawlError
from extract.errors import ExtractionError
from index.errors import StoreError

__all__ = ["EXPECTED", "CommandGroup", "describe"]

try:  # sqlite-utils and Datasette use pysqlite3 when it is installed; its errors are its own
    from pysqlite3 import dbapi2 as _pysqlite3

    _SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, _pysqlite3.Error)
except ImportError:  # pragma: no cover - pysqlite3 is a dependency
    _SQLITE_ERRORS = (sqlite3.Error,)

# Failures of the world or of the user's input, not of our code.
EXPECTED: tuple[type[BaseException], ...] = (
    OSError,
    UnicodeError,
    tomllib.TOMLDecodeError,
    CrawlError,
    ExtractionError,
    StoreError,
    *_SQLITE_ERRORS,
)


_TRACEBACK = "Traceback (most recent call last):"


def _one_line(text: str) -> str:
    """Return ``text`` on one line; a traceback in it (a child process's) is cut to its end."""
    head, found, trace = text.partition(_TRACEBACK)
    if found:
        lines = [line for line in trace.splitlines() if line.strip()]
        head = f"{head.strip()} {lines[-1] if lines else ''}"
    return " ".join(head.split())


def _database_message(error: Exception) -> str:
    text = _one_line(str(error))
    if "locked" in text or "busy" in text:
        return f"{text}: another process is writing to the database; try again when it is done"
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return f"{text}: --db is not a newsintel database (or it is damaged); pass another --db"
    if "readonly" in text or "unable to open" in text:
        return f"{text}: the database cannot be opened for writing; check --db and its folder"
    return f"database error: {text}"


def _os_message(error: OSError) -> str:
    where = error.filename if error.filename is not None else ""
    reason = error.strerror or _one_line(str(error))
    if isinstance(error, FileNotFoundError):
        return f"{where}: no such file or folder" if where else reason
    return f"{where}: {reason}" if where else reason


def describe(error: BaseException) -> str:
    """Return the one-line message a user sees for an expected failure."""
    if isinstance(error, _SQLITE_ERRORS):
        return _database_message(error)
    if isinstance(error, OSError):
        return _os_message(error)
    if isinstance(error, tomllib.TOMLDecodeError):
        return f"invalid TOML: {_one_line(str(error))}"
    return _one_line(str(error)) or type(error).__name__


class CommandGroup(click.Group):
    """A click group whose commands fail with one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the chosen command; turn its failures into ``click.ClickException``."""
        debug = bool(ctx.params.get("debug"))
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            if not debug:  # "crawl failed; see LOG\n<the crawl process's traceback>"
                error.message = _one_line(error.message)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt as interrupt:
            raise click.ClickException(
                "interrupted; run the command again: every stage resumes where it stopped"
            ) from interrupt
        except EXPECTED as error:
            if debug:
                raise
            raise click.ClickException(describe(error)) from error
        except Exception as error:  # a bug: say so in one line; --debug shows the traceback
            if debug:
                raise
            raise click.ClickException(
                f"internal error ({type(error).__name__}: {_one_line(str(error))[:300]}); "
                "run again with --debug for the traceback and report it"
            ) from error
