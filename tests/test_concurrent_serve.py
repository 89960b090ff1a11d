"""Concurrent use: `newsintel serve` answers every page while extract and index write."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from long_documents import PROSE, PROVINCES

from index import store
from index.admission import local_page
from index.schema import open_db

ARTICLES = 60
PAGES = (
    "/",
    "/{name}",
    "/{name}/articles?_size=5",
    "/{name}/index_facts.json?_size=5",
    "/{name}/province_index_timeline?_size=5",
    "/-/search?q=PAR+Index",
    "/-/newsintel/provinces",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> int:
    """Return the status of one GET (a refused or broken connection counts as 0)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


@pytest.fixture
def pending_db(tmp_path: Path) -> Path:
    """A database with ARTICLES local reports recorded as pages, none extracted yet."""
    folder = tmp_path / "reports"
    folder.mkdir()
    db = open_db(tmp_path / "news.db")
    for number in range(ARTICLES):
        province = PROVINCES[number % len(PROVINCES)]
        path = folder / f"report-{number}.txt"
        path.write_text(
            f"{province} in the PAR Index\n\nIn the {2015 + number % 10} PAR Index, {province} "
            f"ranked {number % 63 + 1}th out of 63 with 8{number % 10}.5 points.\n\n{PROSE}\n",
            "utf-8",
        )
        store.save_page(db, local_page(path))
    return tmp_path / "news.db"


@pytest.fixture
def server(pending_db: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "newsintel", "serve", "--db", str(pending_db)]
    process = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # up to a minute on a loaded machine: 0.1 s timeouts below
            if process.poll() is not None or _get(base + "/-/versions.json") == 200:
                break
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.1)
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _writers(db: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Start extract, then index, each writing to ``db`` while the server reads it."""
    for stage in (["extract", "--workers", "1"], ["index", "--no-embed"]):
        yield subprocess.Popen(
            [sys.executable, "-m", "newsintel", *stage, "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )


def test_serve_answers_every_page_while_extract_and_index_write(
    server: str, pending_db: Path
) -> None:
    name = pending_db.stem
    statuses: dict[str, list[int]] = {}
    during = 0
    for writer in _writers(pending_db):
        while writer.poll() is None:
            for page in PAGES:
                statuses.setdefault(page, []).append(_get(server + page.format(name=name)))
            during += 1
        assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
    for page in PAGES:
        statuses[page].append(_get(server + page.format(name=name)))
    assert during > 0  # the pages were requested while the writers ran
    failed = {page: codes for page, codes in statuses.items() if set(codes) != {200}}
    assert not failed
    assert open_db(pending_db)["index_facts"].count >= ARTICLES
