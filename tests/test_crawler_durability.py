"""Durability and scale-out: SIGKILL mid-crawl then resume; two processes sharing Redis."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from subprocess import PIPE

import pytest

from tests.conftest import IN_CI
from tests.crawler_run import REPO, cli_args, rows, run_cli
from tests.crawler_server import FixtureServer, Reply, Request, listing_site

N_ARTICLES = 60


def _slow(route: object, delay: float) -> object:
    def slowed(request: Request) -> Reply:
        reply = route(request)  # type: ignore[operator]
        reply.delay = delay
        return reply

    return slowed


def _article_hits(server: FixtureServer) -> dict[str, int]:
    return {p: n for p, n in server.counts().items() if p.startswith("/story/")}


def _wait_for(condition: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.02)


def test_sigkill_mid_crawl_then_resume_loses_and_repeats_nothing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with FixtureServer() as server:
        paths = listing_site(server, N_ARTICLES)
        for path in paths:  # slow enough to kill mid-way
            server.routes[path] = _slow(server.routes[path], 0.05)  # type: ignore[assignment]
        args = cli_args(
            db, "crawl", "--seed", server.url("/"), "--delay", "0", "--concurrency", "2"
        )
        process = subprocess.Popen(
            args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _wait_for(lambda: len(_article_hits(server)) >= 0.3 * N_ARTICLES)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        served_at_kill = len(_article_hits(server))
        time.sleep(0.5)  # the crawl child dies with its parent: no request after this
        stopped = len(_article_hits(server))
        stored_before = set(rows_urls(db))
        run_cli(db, "crawl", "--seed", server.url("/"), "--delay", "0", "--concurrency", "2")
        hits = _article_hits(server)
    assert stopped <= 0.7 * N_ARTICLES
    assert stopped - served_at_kill <= 2  # at most the requests in flight: the crawl died
    assert sorted(hits) == sorted(paths)  # nothing lost
    refetched = {p for p, n in hits.items() if n > 1}
    assert not {server.url(p) for p in refetched} & stored_before  # nothing stored fetched twice
    assert rows(db, "select count(*), count(distinct url) from pages where is_article = 1") == [
        (N_ARTICLES, N_ARTICLES)
    ]


def rows_urls(db: Path) -> list[str]:
    if not db.exists():
        return []
    return [str(r[0]) for r in rows(db, "select url from pages")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        if IN_CI:
            pytest.fail("redis-server is required under CI=true (apt-get install redis-server)")
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _accepts(port), timeout=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_two_processes_share_a_redis_frontier(tmp_path: Path, redis_url: str) -> None:
    db = tmp_path / "shared.db"
    with FixtureServer() as server:
        paths = listing_site(server, 40, per_page=5)
        for path in paths:
            server.routes[path] = _slow(server.routes[path], 0.3)  # type: ignore[assignment]
        args = cli_args(
            db, "crawl", "--seed", server.url("/"), "--delay", "0", "--concurrency", "2",
            "--redis", redis_url,
        )  # fmt: skip
        workers = [subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=PIPE)]
        _wait_for(lambda: server.count("/list?page=1") > 0)  # the first one is crawling
        workers.append(subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL, stderr=PIPE))
        for worker in workers:
            assert worker.wait(timeout=120) == 0, worker.stderr.read().decode()[-2000:]
        counts = server.counts()
    fetched = {p: n for p, n in counts.items() if p != "/robots.txt"}
    assert set(fetched) >= set(paths)
    assert set(fetched.values()) == {1}  # every page fetched exactly once
    processes = rows(db, "select count(distinct warc_file) from pages where warc_file is not null")
    assert processes[0][0] >= 2  # both processes took part (each writes its own WARC file)
