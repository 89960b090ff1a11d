"""Crawl shards written by ``crawl --redis`` processes merge into what one crawl gives.

Two crawler processes share one Redis frontier, each writing its own shard database and
WARC folder; ``merge`` folds the shards into one database and ``extract`` + ``index`` run
on it. One more process crawls the same site alone into one database. Every table but the
crawl's own bookkeeping must match, apart from when and where each page was fetched.
"""

from __future__ import annotations

import functools
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from subprocess import PIPE

import pytest

from index import crawl_store, store
from index.indexer import index_database
from index.schema import open_db
from newsintel.demo import QuietHandler
from newsintel.pipeline import extract_pending
from tests.crawler_run import REPO, cli_args, run_cli
from tests.db_parity import compared_tables, counts, differences
from tests.test_crawler_durability import redis_url  # noqa: F401  (a fixture)
from tests.test_crawler_units import fetched
from tests.test_distributed_parity import parity_site

# Fetch times, WARC locations, link depth and the crawl run differ from crawl to crawl.
CRAWL_COLUMNS = ("fetched_at", "warc_file", "warc_offset", "depth", "crawl_run")
# The crawl's bookkeeping; and the snapshot tables, whose evidence is the first fact stored
# (min(id)): it depends on the order pages were fetched, which differs between any two
# crawls, merged or not (the WARC parity test compares them: there the order is the same).
SKIPPED_TABLES = ("crawl_frontier", "crawl_runs", "snapshot_")


class _Gate:
    """Holds requests until opened, counting those waiting."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.waiting = 0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            self.waiting += 1
        self.opened.wait(timeout=120)

    def wait_for_waiting(self, count: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while self.waiting < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.waiting} requests waiting, not {count}")
            time.sleep(0.05)


class _GatedHandler(QuietHandler):
    """Serve the home page and robots.txt at once, everything else once the gate opens.

    The first crawler fetches the home page and queues its links in Redis; it then holds at
    most two requests (its per-host concurrency), so a third waiting request means the
    second crawler is fetching too: then the gate opens and both share the rest.
    """

    gate: _Gate

    def do_GET(self) -> None:
        if self.path not in ("/", "/robots.txt"):
            self.gate.wait()
        super().do_GET()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, _Gate]]:
    gate = _Gate()
    handler_class = type("Handler", (_GatedHandler,), {"gate": gate})
    handler = functools.partial(handler_class, directory=str(parity_site(tmp_path)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", gate
    gate.opened.set()
    server.shutdown()
    server.server_close()


def _crawl_args(db: Path, site: str, *extra: str) -> list[str]:
    options = ("--seed", site, "--max-depth", "4", "--delay", "0", "--concurrency", "2")
    return cli_args(db, "crawl", *options, "--warc-dir", str(db.with_suffix(".warc")), *extra)


def _extract_and_index(db_path: Path) -> None:
    db = open_db(db_path)
    extract_pending(db, workers=1)
    index_database(db, db_path, None)


def test_redis_shards_merge_into_what_one_crawl_gives(
    tmp_path: Path,
    site: tuple[str, _Gate],
    redis_url: str,  # noqa: F811
) -> None:
    site_url, gate = site
    shards = [tmp_path / "shard-a.db", tmp_path / "shard-b.db"]
    workers = [
        subprocess.Popen(
            _crawl_args(s, site_url, "--redis", redis_url), cwd=REPO, stdout=PIPE, stderr=PIPE
        )
        for s in shards
    ]
    gate.wait_for_waiting(3)  # more than one crawler's two requests: both are crawling
    gate.opened.set()
    for worker in workers:
        _, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err.decode()[-2000:]
    subprocess.run(_crawl_args(tmp_path / "one.db", site_url), cwd=REPO, check=True, timeout=180)
    run_cli(tmp_path / "merged.db", "merge", *map(str, shards))
    for name in ("one.db", "merged.db"):
        _extract_and_index(tmp_path / name)
    one, merged = open_db(tmp_path / "one.db"), open_db(tmp_path / "merged.db")
    tables = [t for t in compared_tables(one) if not t.startswith(SKIPPED_TABLES)]
    assert all(open_db(s)["pages"].count for s in shards)  # both processes took part
    assert counts(one) == counts(merged)
    assert differences(one, merged, ignore=CRAWL_COLUMNS, tables=tables) == {}


def test_a_body_seen_on_another_shard_is_a_duplicate(tmp_path: Path) -> None:
    body = b"<html><body><p>One story, two addresses.</p></body></html>"
    for name in ("a", "b"):
        shard = open_db(tmp_path / f"{name}.db")
        run = crawl_store.begin_crawl_run(shard, ["site"])
        crawl_store.save_crawled_page(shard, fetched(f"http://e.com/{name}", body), run)
        shard.close()
    db = open_db(tmp_path / "main.db")
    for name in ("a", "b"):
        crawl_store.merge_shard(db, tmp_path / f"{name}.db")
    pending = [row["url"] for row in store.pages_to_extract(db, "any")]
    assert pending == ["http://e.com/a"]
